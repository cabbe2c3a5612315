package dev.shutter.events.follow;

import java.time.Instant;

/**
 * The pending follow request of {@code followerId} to {@code followeeId} ended without a follow: the requester
 * withdrew it, or one of the two blocked the other.
 */
public record FollowRequestWithdrawn(String followId, String followerId, String followeeId, Instant withdrawnAt) {}
