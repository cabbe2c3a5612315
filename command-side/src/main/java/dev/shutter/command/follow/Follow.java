package dev.shutter.command.follow;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Whether one user follows another. One aggregate per ordered pair, created by the first follow;
 * following or unfollowing again changes nothing.
 */
@Aggregate
class Follow {

    @AggregateIdentifier
    private String followId;

    private boolean following;

    Follow() {}

    static String idOf(String followerId, String followeeId) {
        return followerId + ":" + followeeId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(FollowUser command) {
        if (command.followerId().equals(command.followeeId())) {
            throw new CannotFollowSelfException();
        }
        if (following) {
            return;
        }
        apply(new UserFollowed(command.followId(), command.followerId(), command.followeeId(), command.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(UnfollowUser command) {
        if (!following) {
            return;
        }
        apply(new UserUnfollowed(command.followId(), command.followerId(), command.followeeId(), command.at()));
    }

    @EventSourcingHandler
    void on(UserFollowed event) {
        followId = event.followId();
        following = true;
    }

    @EventSourcingHandler
    void on(UserUnfollowed event) {
        following = false;
    }
}
