package dev.shutter.command.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of refresh and logout. */
record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {}
