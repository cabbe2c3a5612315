package dev.shutter.command.follow;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

record ApproveFollowRequest(
        @TargetAggregateIdentifier String followId, String followerId, String followeeId, Instant at) {

    static ApproveFollowRequest of(String followerId, String followeeId, Instant at) {
        return new ApproveFollowRequest(Follow.idOf(followerId, followeeId), followerId, followeeId, at);
    }
}
