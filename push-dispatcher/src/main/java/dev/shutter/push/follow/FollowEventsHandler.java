package dev.shutter.push.follow;

import dev.shutter.events.follow.FollowRequestDeclined;
import dev.shutter.events.follow.FollowRequestWithdrawn;
import dev.shutter.events.follow.FollowRequested;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.push.user.Users;
import dev.shutter.push.wire.ReadModelHandler;
import dev.shutter.push.wire.StoredEvent;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Keeps who follows whom and which follow requests are pending, guarded by the Follow aggregate's sequence numbers.
 * {@code UserDeleted} forgets the user's follows and requests both ways; a follow event naming a deleted user that
 * arrives later (a redelivery) is dropped, so nothing comes back.
 */
@Component
class FollowEventsHandler implements ReadModelHandler {

    private final FollowEdges edges;
    private final Users users;

    FollowEventsHandler(FollowEdges edges, Users users) {
        this.edges = edges;
        this.users = users;
    }

    @Override
    public void apply(StoredEvent event, int generation) {
        long seq = event.sequenceNumber();
        Object payload = event.payload();
        if (payload instanceof UserDeleted deleted) {
            // Removing is final and idempotent: a redelivery removes nothing more.
            edges.forget(deleted.userId(), generation);
        } else if (payload instanceof UserFollowed e) {
            apply(e.followId(), e.followerId(), e.followeeId(), true, false, seq, generation);
        } else if (payload instanceof UserUnfollowed e) {
            apply(e.followId(), e.followerId(), e.followeeId(), false, false, seq, generation);
        } else if (payload instanceof FollowRequested e) {
            apply(e.followId(), e.followerId(), e.followeeId(), false, true, seq, generation);
        } else if (payload instanceof FollowRequestDeclined e) {
            apply(e.followId(), e.followerId(), e.followeeId(), false, false, seq, generation);
        } else if (payload instanceof FollowRequestWithdrawn e) {
            apply(e.followId(), e.followerId(), e.followeeId(), false, false, seq, generation);
        }
    }

    private void apply(
            String followId,
            String followerId,
            String followeeId,
            boolean active,
            boolean requested,
            long seq,
            int generation) {
        if (users.anyDeleted(List.of(followerId, followeeId), generation)) {
            return;
        }
        edges.apply(followId, followerId, followeeId, active, requested, seq, generation);
    }
}
