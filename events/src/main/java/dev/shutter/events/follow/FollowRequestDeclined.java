package dev.shutter.events.follow;

import java.time.Instant;

/** The owner of the private account {@code followeeId} declined the pending follow request of {@code followerId}. */
public record FollowRequestDeclined(String followId, String followerId, String followeeId, Instant declinedAt) {}
