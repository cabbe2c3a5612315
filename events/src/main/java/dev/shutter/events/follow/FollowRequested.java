package dev.shutter.events.follow;

import java.time.Instant;

/**
 * {@code followerId} asked to follow the private account {@code followeeId}. The request stays pending until the
 * owner approves it (the Follow aggregate then emits {@link UserFollowed}) or declines it, or the requester
 * withdraws it.
 */
public record FollowRequested(String followId, String followerId, String followeeId, Instant requestedAt) {}
