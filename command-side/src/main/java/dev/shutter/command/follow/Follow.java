package dev.shutter.command.follow;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.shutter.command.block.BlockList;
import dev.shutter.command.block.BlockedException;
import dev.shutter.events.follow.FollowRequestDeclined;
import dev.shutter.events.follow.FollowRequestWithdrawn;
import dev.shutter.events.follow.FollowRequested;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Whether one user follows another, or asks to. One aggregate per ordered pair, created by the first follow. A
 * follow of a private account is a request until the owner approves or declines it; following or unfollowing again
 * changes nothing, and nobody follows across a block. Each command answers where the pair stands afterwards.
 */
@Aggregate
class Follow {

    @AggregateIdentifier
    private String followId;

    private FollowState state = FollowState.NONE;

    Follow() {}

    static String idOf(String followerId, String followeeId) {
        return followerId + ":" + followeeId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    FollowState handle(FollowUser command, BlockList blocks) {
        if (command.followerId().equals(command.followeeId())) {
            throw new CannotFollowSelfException();
        }
        if (state == FollowState.FOLLOWING) {
            return state;
        }
        if (blocks.eitherBlocks(command.followerId(), command.followeeId())) {
            throw new BlockedException();
        }
        if (command.followeePrivate()) {
            if (state == FollowState.NONE) {
                apply(new FollowRequested(
                        command.followId(), command.followerId(), command.followeeId(), command.at()));
            }
            return FollowState.REQUESTED;
        }
        // A request left pending on an account that is public by now needs no approval.
        apply(new UserFollowed(command.followId(), command.followerId(), command.followeeId(), command.at()));
        return FollowState.FOLLOWING;
    }

    /** Ends the follow, or withdraws the pending request. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    FollowState handle(UnfollowUser command) {
        if (state == FollowState.FOLLOWING) {
            apply(new UserUnfollowed(command.followId(), command.followerId(), command.followeeId(), command.at()));
        } else if (state == FollowState.REQUESTED) {
            apply(new FollowRequestWithdrawn(
                    command.followId(), command.followerId(), command.followeeId(), command.at()));
        }
        return FollowState.NONE;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    FollowState handle(ApproveFollowRequest command) {
        requirePendingRequest(command.followerId());
        apply(new UserFollowed(command.followId(), command.followerId(), command.followeeId(), command.at()));
        return FollowState.FOLLOWING;
    }

    /**
     * Approves the request if it is still pending; one withdrawn, declined or turned into a follow since is left as it
     * is, so a batch of approvals can run again after a crash.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    FollowState handle(ApproveFollowRequestIfPending command) {
        if (state == FollowState.REQUESTED) {
            apply(new UserFollowed(command.followId(), command.followerId(), command.followeeId(), command.at()));
        }
        return state;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    FollowState handle(DeclineFollowRequest command) {
        requirePendingRequest(command.followerId());
        apply(new FollowRequestDeclined(command.followId(), command.followerId(), command.followeeId(), command.at()));
        return FollowState.NONE;
    }

    private void requirePendingRequest(String followerId) {
        if (state != FollowState.REQUESTED) {
            throw new FollowRequestNotFoundException(followerId);
        }
    }

    @EventSourcingHandler
    void on(FollowRequested event) {
        followId = event.followId();
        state = FollowState.REQUESTED;
    }

    @EventSourcingHandler
    void on(UserFollowed event) {
        followId = event.followId();
        state = FollowState.FOLLOWING;
    }

    @EventSourcingHandler
    void on(UserUnfollowed event) {
        state = FollowState.NONE;
    }

    @EventSourcingHandler
    void on(FollowRequestWithdrawn event) {
        state = FollowState.NONE;
    }

    @EventSourcingHandler
    void on(FollowRequestDeclined event) {
        state = FollowState.NONE;
    }
}
