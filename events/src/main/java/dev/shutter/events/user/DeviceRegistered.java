package dev.shutter.events.user;

/** A phone, tablet or browser of the user can receive pushes under this FCM registration token. */
public record DeviceRegistered(String userId, String token, String platform) {}
