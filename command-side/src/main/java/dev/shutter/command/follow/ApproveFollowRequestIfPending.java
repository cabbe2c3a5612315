package dev.shutter.command.follow;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The approval a switch to public gives each request pending at the time; see {@link FollowRequestApprovals}. */
record ApproveFollowRequestIfPending(
        @TargetAggregateIdentifier String followId, String followerId, String followeeId, Instant at) {

    static ApproveFollowRequestIfPending of(String followerId, String followeeId, Instant at) {
        return new ApproveFollowRequestIfPending(Follow.idOf(followerId, followeeId), followerId, followeeId, at);
    }
}
