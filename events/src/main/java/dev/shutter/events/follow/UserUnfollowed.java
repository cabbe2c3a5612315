package dev.shutter.events.follow;

import java.time.Instant;

/** {@code followerId} no longer follows {@code followeeId}. */
public record UserUnfollowed(String followId, String followerId, String followeeId, Instant unfollowedAt) {}
