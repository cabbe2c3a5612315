package dev.shutter.push.follow;

import dev.shutter.events.follow.FollowRequestDeclined;
import dev.shutter.events.follow.FollowRequestWithdrawn;
import dev.shutter.events.follow.FollowRequested;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.push.wire.ReadModelHandler;
import dev.shutter.push.wire.StoredEvent;
import org.springframework.stereotype.Component;

/** Keeps who follows whom and which follow requests are pending, guarded by the Follow aggregate's sequence numbers. */
@Component
class FollowEventsHandler implements ReadModelHandler {

    private final FollowEdges edges;

    FollowEventsHandler(FollowEdges edges) {
        this.edges = edges;
    }

    @Override
    public void apply(StoredEvent event, int generation) {
        long seq = event.sequenceNumber();
        Object payload = event.payload();
        if (payload instanceof UserFollowed e) {
            edges.apply(e.followId(), e.followerId(), e.followeeId(), true, false, seq, generation);
        } else if (payload instanceof UserUnfollowed e) {
            edges.apply(e.followId(), e.followerId(), e.followeeId(), false, false, seq, generation);
        } else if (payload instanceof FollowRequested e) {
            edges.apply(e.followId(), e.followerId(), e.followeeId(), false, true, seq, generation);
        } else if (payload instanceof FollowRequestDeclined e) {
            edges.apply(e.followId(), e.followerId(), e.followeeId(), false, false, seq, generation);
        } else if (payload instanceof FollowRequestWithdrawn e) {
            edges.apply(e.followId(), e.followerId(), e.followeeId(), false, false, seq, generation);
        }
    }
}
