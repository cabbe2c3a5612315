package dev.shutter.command.follow;

import dev.shutter.command.block.Blocks;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change to a follow goes through here: the Follow aggregate decides and answers where the pair stands, and
 * {@code follow_requests} is brought in line in the same transaction.
 */
@Service
public class Follows {

    private final CommandGateway commandGateway;
    private final PrivateAccounts privateAccounts;
    private final FollowRequests requests;
    private final Blocks blocks;
    private final Clock clock;

    Follows(
            CommandGateway commandGateway,
            PrivateAccounts privateAccounts,
            FollowRequests requests,
            Blocks blocks,
            Clock clock) {
        this.commandGateway = commandGateway;
        this.privateAccounts = privateAccounts;
        this.requests = requests;
        this.blocks = blocks;
        this.clock = clock;
    }

    /** Follows a public account, asks to follow a private one. */
    @Transactional
    public void follow(String followerId, String followeeId) {
        blocks.lockPair(followerId, followeeId);
        Instant at = clock.instant();
        FollowState state = commandGateway.sendAndWait(
                FollowUser.of(followerId, followeeId, privateAccounts.isPrivate(followeeId), at));
        record(followerId, followeeId, state, at);
    }

    /** Ends the follow or withdraws the pending request. */
    @Transactional
    public void unfollow(String followerId, String followeeId) {
        Instant at = clock.instant();
        record(followerId, followeeId, commandGateway.sendAndWait(UnfollowUser.of(followerId, followeeId, at)), at);
    }

    @Transactional
    public void approve(String ownerId, String requesterId) {
        Instant at = clock.instant();
        record(requesterId, ownerId, commandGateway.sendAndWait(ApproveFollowRequest.of(requesterId, ownerId, at)), at);
    }

    @Transactional
    public void decline(String ownerId, String requesterId) {
        Instant at = clock.instant();
        record(requesterId, ownerId, commandGateway.sendAndWait(DeclineFollowRequest.of(requesterId, ownerId, at)), at);
    }

    /** Approves those of the requests to {@code ownerId} that are still pending, as a switch to public does. */
    @Transactional
    void approveIfPending(String ownerId, List<String> requesterIds) {
        Instant at = clock.instant();
        for (String requesterId : requesterIds) {
            FollowState state = commandGateway.sendAndWait(ApproveFollowRequestIfPending.of(requesterId, ownerId, at));
            record(requesterId, ownerId, state, at);
        }
    }

    /** Ends the follows and withdraws the pending requests between the two users, in both directions. */
    @Transactional
    public void sever(String userId, String otherUserId) {
        unfollow(userId, otherUserId);
        unfollow(otherUserId, userId);
    }

    private void record(String followerId, String followeeId, FollowState state, Instant at) {
        if (state == FollowState.REQUESTED) {
            requests.add(followerId, followeeId, at);
        } else {
            requests.remove(followerId, followeeId);
        }
    }
}
