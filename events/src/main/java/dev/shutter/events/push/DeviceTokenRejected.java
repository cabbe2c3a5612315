package dev.shutter.events.push;

import java.time.Instant;

/**
 * FCM answered that a device token is no longer valid ({@code UNREGISTERED}, or
 * {@code INVALID_ARGUMENT} naming the token). Published by push-dispatcher; the command side
 * removes the device from the user, which in turn emits {@code DeviceRemoved}.
 */
public record DeviceTokenRejected(String userId, String token, String reason, Instant rejectedAt) {}
