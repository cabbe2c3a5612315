package dev.shutter.events.user;

/** The FCM registration token no longer belongs to the user. */
public record DeviceRemoved(String userId, String token) {}
