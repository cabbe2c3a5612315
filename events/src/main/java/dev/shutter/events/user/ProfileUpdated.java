package dev.shutter.events.user;

/** The public profile of an account changed. {@code avatarMediaId} is null when there is no avatar. */
public record ProfileUpdated(String userId, String displayName, String bio, String avatarMediaId) {}
