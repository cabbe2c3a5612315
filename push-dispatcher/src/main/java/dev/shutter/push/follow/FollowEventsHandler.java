package dev.shutter.push.follow;

import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.push.wire.ReadModelHandler;
import dev.shutter.push.wire.StoredEvent;
import org.springframework.stereotype.Component;

/** Keeps who follows whom, guarded by the Follow aggregate's sequence numbers. */
@Component
class FollowEventsHandler implements ReadModelHandler {

    private final FollowEdges edges;

    FollowEventsHandler(FollowEdges edges) {
        this.edges = edges;
    }

    @Override
    public void apply(StoredEvent event) {
        if (event.payload() instanceof UserFollowed followed) {
            edges.apply(
                    followed.followId(), followed.followerId(), followed.followeeId(), true, event.sequenceNumber());
        } else if (event.payload() instanceof UserUnfollowed unfollowed) {
            edges.apply(
                    unfollowed.followId(),
                    unfollowed.followerId(),
                    unfollowed.followeeId(),
                    false,
                    event.sequenceNumber());
        }
    }
}
