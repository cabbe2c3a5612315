package dev.shutter.command.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

record UsernameRequest(
        @NotNull @Pattern(regexp = RegistrationRequest.USERNAME, message = RegistrationRequest.USERNAME_RULE)
                String username) {}
