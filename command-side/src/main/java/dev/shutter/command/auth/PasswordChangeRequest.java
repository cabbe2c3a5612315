package dev.shutter.command.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record PasswordChangeRequest(
        @NotNull @Size(max = 128) String currentPassword, @NotNull @Size(min = 8, max = 128) String newPassword) {}
