package dev.shutter.command.follow;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UnfollowUser(
        @TargetAggregateIdentifier String followId, String followerId, String followeeId, Instant at) {

    public static UnfollowUser of(String followerId, String followeeId, Instant at) {
        return new UnfollowUser(Follow.idOf(followerId, followeeId), followerId, followeeId, at);
    }
}
