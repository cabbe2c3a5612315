package dev.shutter.command.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * An FCM registration token (letters, digits and {@code _ - : . ~ + =}, which keeps it usable in the path of
 * {@code DELETE /api/users/me/devices/{token}}) and the platform of the device.
 */
record DeviceRequest(
        @NotNull
                @Pattern(
                        regexp = "[A-Za-z0-9_\\-:.~+=]{1,1024}",
                        message = "must be 1 to 1024 letters, digits or _-:.~+=")
                String token,
        @NotNull @Pattern(regexp = "android|ios|web", message = "must be android, ios or web") String platform) {}
