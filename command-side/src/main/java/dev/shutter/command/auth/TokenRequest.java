package dev.shutter.command.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record TokenRequest(@NotBlank @Size(max = 254) String login, @NotNull @Size(max = 128) String password) {}
