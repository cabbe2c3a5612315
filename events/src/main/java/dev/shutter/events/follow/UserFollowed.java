package dev.shutter.events.follow;

import java.time.Instant;

/** {@code followerId} now follows {@code followeeId}. {@code followId} is the Follow aggregate of the pair. */
public record UserFollowed(String followId, String followerId, String followeeId, Instant followedAt) {}
