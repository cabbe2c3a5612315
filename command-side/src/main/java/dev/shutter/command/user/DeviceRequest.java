package dev.shutter.command.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record DeviceRequest(
        @NotBlank @Size(max = 4096) String token,
        @NotNull @Pattern(regexp = "android|ios|web", message = "must be android, ios or web") String platform) {}
