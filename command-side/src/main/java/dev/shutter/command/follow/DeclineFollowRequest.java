package dev.shutter.command.follow;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

record DeclineFollowRequest(
        @TargetAggregateIdentifier String followId, String followerId, String followeeId, Instant at) {

    static DeclineFollowRequest of(String followerId, String followeeId, Instant at) {
        return new DeclineFollowRequest(Follow.idOf(followerId, followeeId), followerId, followeeId, at);
    }
}
