package dev.shutter.command.follow;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

record FollowUser(@TargetAggregateIdentifier String followId, String followerId, String followeeId, Instant at) {

    static FollowUser of(String followerId, String followeeId, Instant at) {
        return new FollowUser(Follow.idOf(followerId, followeeId), followerId, followeeId, at);
    }
}
