package dev.shutter.command.follow;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param followeePrivate whether the followee's account is private, so the follow is only a request */
record FollowUser(
        @TargetAggregateIdentifier String followId,
        String followerId,
        String followeeId,
        boolean followeePrivate,
        Instant at) {

    static FollowUser of(String followerId, String followeeId, boolean followeePrivate, Instant at) {
        return new FollowUser(Follow.idOf(followerId, followeeId), followerId, followeeId, followeePrivate, at);
    }
}
