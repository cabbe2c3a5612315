package dev.shutter.command.follow;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

record UnfollowUser(@TargetAggregateIdentifier String followId, String followerId, String followeeId, Instant at) {

    static UnfollowUser of(String followerId, String followeeId, Instant at) {
        return new UnfollowUser(Follow.idOf(followerId, followeeId), followerId, followeeId, at);
    }
}
