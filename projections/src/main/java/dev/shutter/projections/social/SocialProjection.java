package dev.shutter.projections.social;

import static dev.shutter.projections.view.Generations.collection;
import static dev.shutter.projections.view.SequenceGuard.applyIfNewer;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.shutter.events.block.UserBlocked;
import dev.shutter.events.block.UserUnblocked;
import dev.shutter.events.follow.FollowRequestDeclined;
import dev.shutter.events.follow.FollowRequestWithdrawn;
import dev.shutter.events.follow.FollowRequested;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.user.AccountPrivacyChanged;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.projections.view.EventEnvelope;
import dev.shutter.projections.view.Forgotten;
import dev.shutter.projections.view.Projection;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The social graph view. Collections of a generation:
 *
 * <ul>
 *   <li>{@code follows}: one document per Follow aggregate: {@code active} while the follower follows (since {@code
 *       since}), {@code pending} while a follow request waits for the owner of a private account (asked at {@code
 *       requestedAt});
 *   <li>{@code privacy}: one document per user who ever changed their privacy: {@code privateAccount};
 *   <li>{@code blocks}: one document per Block aggregate (an ordered pair): {@code blockerId}, {@code blockedId},
 *       {@code active} while the block holds (since {@code since}).
 * </ul>
 *
 * <p>Every document carries the sequence number of the last event of its aggregate it saw, so redelivered and late
 * events change nothing.
 *
 * <p>A deleted account ({@code UserDeleted}) is forgotten: its privacy document and every follow edge, request and
 * block it was at either end of go (blocks others made against it too, which end with no event of their own). Events
 * naming it that come later are skipped (see {@link Forgotten}).
 */
@Component
class SocialProjection implements Projection {

    static final String FOLLOWS = "follows";
    static final String PRIVACY = "privacy";
    static final String BLOCKS = "blocks";

    private final MongoTemplate mongo;

    SocialProjection(@Qualifier("socialMongo") MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public String view() {
        return "social";
    }

    @Override
    public MongoTemplate mongo() {
        return mongo;
    }

    @Override
    public List<String> collections() {
        return List.of(FOLLOWS, PRIVACY, BLOCKS, Forgotten.COLLECTION);
    }

    @Override
    public void createIndexes(int generation) {
        var follows = mongo.indexOps(collection(FOLLOWS, generation));
        follows.createIndex(newestFirst("followeeId", "active", "since"));
        follows.createIndex(newestFirst("followerId", "active", "since"));
        follows.createIndex(newestFirst("followeeId", "pending", "requestedAt"));
        var blocks = mongo.indexOps(collection(BLOCKS, generation));
        blocks.createIndex(newestFirst("blockerId", "active", "since"));
        blocks.createIndex(newestFirst("blockedId", "active", "since"));
    }

    @Override
    public boolean apply(EventEnvelope event, int generation) {
        Forgotten forgotten = new Forgotten(mongo, generation);
        if (event.payload() instanceof UserDeleted deleted) {
            forget(deleted.userId(), forgotten, generation);
            return true;
        }
        Change change = change(event);
        if (change == null) {
            return false;
        }
        if (forgotten.any(change.users())) {
            // A late or redelivered event of a forgotten account brings nothing back.
            return true;
        }
        applyIfNewer(
                mongo, collection(change.collection(), generation), change.id(), event.sequence(), change.update());
        return true;
    }

    private void forget(String userId, Forgotten forgotten, int generation) {
        forgotten.forget(List.of(userId));
        mongo.remove(
                query(new Criteria()
                        .orOperator(
                                where("followerId").is(userId),
                                where("followeeId").is(userId))),
                collection(FOLLOWS, generation));
        mongo.remove(
                query(new Criteria()
                        .orOperator(
                                where("blockerId").is(userId),
                                where("blockedId").is(userId))),
                collection(BLOCKS, generation));
        mongo.remove(query(where("_id").is(userId)), collection(PRIVACY, generation));
    }

    /** The write an event makes, or null when the event does not concern this view. */
    private static Change change(EventEnvelope event) {
        Record payload = event.payload();
        if (payload instanceof UserFollowed e) {
            return follow(e.followId(), e.followerId(), e.followeeId(), true, false)
                    .set("since", event.date(e.followedAt()));
        } else if (payload instanceof FollowRequested e) {
            return follow(e.followId(), e.followerId(), e.followeeId(), false, true)
                    .set("requestedAt", event.date(e.requestedAt()));
        } else if (payload instanceof UserUnfollowed e) {
            return follow(e.followId(), e.followerId(), e.followeeId(), false, false);
        } else if (payload instanceof FollowRequestDeclined e) {
            return follow(e.followId(), e.followerId(), e.followeeId(), false, false);
        } else if (payload instanceof FollowRequestWithdrawn e) {
            return follow(e.followId(), e.followerId(), e.followeeId(), false, false);
        } else if (payload instanceof AccountPrivacyChanged e) {
            return new Change(PRIVACY, e.userId(), new Update().set("privateAccount", e.privateAccount()), e.userId());
        } else if (payload instanceof UserBlocked e) {
            return block(e.blockId(), e.blockerId(), e.blockedId(), true).set("since", event.date(e.blockedAt()));
        } else if (payload instanceof UserUnblocked e) {
            return block(e.blockId(), e.blockerId(), e.blockedId(), false);
        }
        return null;
    }

    /** A follow edge: active while followed, pending while a request waits for approval. */
    private static Change follow(
            String followId, String followerId, String followeeId, boolean active, boolean pending) {
        return new Change(
                FOLLOWS,
                followId,
                new Update()
                        .set("followerId", followerId)
                        .set("followeeId", followeeId)
                        .set("active", active)
                        .set("pending", pending),
                followerId,
                followeeId);
    }

    private static Change block(String blockId, String blockerId, String blockedId, boolean active) {
        return new Change(
                BLOCKS,
                blockId,
                new Update()
                        .set("blockerId", blockerId)
                        .set("blockedId", blockedId)
                        .set("active", active),
                blockerId,
                blockedId);
    }

    private static Index newestFirst(String owner, String flag, String time) {
        return new Index()
                .on(owner, Direction.ASC)
                .on(flag, Direction.ASC)
                .on(time, Direction.DESC)
                .on("_id", Direction.DESC);
    }

    /** A write to one document, and the users the event names. */
    private record Change(String collection, String id, Update update, String... users) {

        Change set(String field, Object value) {
            update.set(field, value);
            return this;
        }
    }
}
