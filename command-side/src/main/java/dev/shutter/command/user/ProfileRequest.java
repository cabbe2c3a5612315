package dev.shutter.command.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record ProfileRequest(
        @NotBlank @Size(max = 64) String displayName,
        @Size(max = 150) String bio,
        @Size(min = 1, max = 64) String avatarMediaId) {}
