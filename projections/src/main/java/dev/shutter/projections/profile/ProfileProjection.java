package dev.shutter.projections.profile;

import static dev.shutter.projections.view.Generations.collection;
import static dev.shutter.projections.view.SequenceGuard.applyIfNewer;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UsernameChanged;
import dev.shutter.projections.view.EventEnvelope;
import dev.shutter.projections.view.Projection;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The profile view: one document per user with its counts and the accent-free forms of its display
 * name that user search matches by prefix ({@code displayNameKeys}; usernames are ASCII and matched
 * through {@code usernameLower}). The counts are derived from the view's
 * own follow edges and post list, each guarded by its aggregate's sequence number, so they are
 * recounted rather than incremented.
 */
@Component
class ProfileProjection implements Projection {

    static final String USERS = "users";
    static final String FOLLOWS = "follows";
    static final String POSTS = "posts";

    private final MongoTemplate mongo;

    ProfileProjection(@Qualifier("profilesMongo") MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public String view() {
        return "profiles";
    }

    @Override
    public MongoTemplate mongo() {
        return mongo;
    }

    @Override
    public List<String> collections() {
        return List.of(USERS, FOLLOWS, POSTS);
    }

    @Override
    public void createIndexes(int generation) {
        mongo.indexOps(collection(USERS, generation))
                .createIndex(new Index().on("usernameLower", Direction.ASC).unique());
        mongo.indexOps(collection(USERS, generation)).createIndex(new Index().on("displayNameKeys", Direction.ASC));
        mongo.indexOps(collection(FOLLOWS, generation))
                .createIndex(new Index().on("followerId", Direction.ASC).on("active", Direction.ASC));
        mongo.indexOps(collection(FOLLOWS, generation))
                .createIndex(new Index().on("followeeId", Direction.ASC).on("active", Direction.ASC));
        mongo.indexOps(collection(POSTS, generation))
                .createIndex(new Index().on("authorId", Direction.ASC).on("deleted", Direction.ASC));
    }

    @Override
    public boolean apply(EventEnvelope event, int generation) {
        Record payload = event.payload();
        if (payload instanceof UserRegistered registered) {
            register(registered, event, generation);
        } else if (payload instanceof ProfileUpdated updated) {
            update(updated, event.sequence(), generation);
        } else if (payload instanceof UsernameChanged changed) {
            rename(changed, event.sequence(), generation);
        } else if (payload instanceof UserFollowed followed) {
            edge(followed.followId(), followed.followerId(), followed.followeeId(), true, event, generation);
        } else if (payload instanceof UserUnfollowed unfollowed) {
            edge(unfollowed.followId(), unfollowed.followerId(), unfollowed.followeeId(), false, event, generation);
        } else if (payload instanceof PostPublished published) {
            post(published.postId(), published.authorId(), false, event, generation);
        } else if (payload instanceof PostDeleted deleted) {
            post(deleted.postId(), deleted.authorId(), true, event, generation);
        } else {
            return false;
        }
        return true;
    }

    private void register(UserRegistered event, EventEnvelope envelope, int generation) {
        applyIfNewer(
                mongo,
                collection(USERS, generation),
                event.userId(),
                envelope.sequence(),
                new Update()
                        .set("username", event.username())
                        .set("usernameLower", event.username().toLowerCase(Locale.ROOT))
                        .set("displayName", event.displayName())
                        .set("displayNameKeys", SearchKeys.ofDisplayName(event.displayName()))
                        .setOnInsert("bio", null)
                        .setOnInsert("avatarMediaId", null)
                        .set("registeredAt", envelope.date(event.registeredAt())));
        recount(event.userId(), generation);
    }

    private void update(ProfileUpdated event, long sequence, int generation) {
        applyIfNewer(
                mongo,
                collection(USERS, generation),
                event.userId(),
                sequence,
                new Update()
                        .set("displayName", event.displayName())
                        .set("displayNameKeys", SearchKeys.ofDisplayName(event.displayName()))
                        .set("bio", event.bio())
                        .set("avatarMediaId", event.avatarMediaId()));
    }

    /**
     * The command side gives a name to one account at a time and commits the release of a name before anybody else
     * can take it, so in event order the unique {@code usernameLower} index never sees two holders.
     */
    private void rename(UsernameChanged event, long sequence, int generation) {
        applyIfNewer(
                mongo,
                collection(USERS, generation),
                event.userId(),
                sequence,
                new Update()
                        .set("username", event.username())
                        .set("usernameLower", event.username().toLowerCase(Locale.ROOT)));
    }

    private void edge(
            String followId,
            String followerId,
            String followeeId,
            boolean active,
            EventEnvelope event,
            int generation) {
        applyIfNewer(
                mongo,
                collection(FOLLOWS, generation),
                followId,
                event.sequence(),
                new Update()
                        .set("followerId", followerId)
                        .set("followeeId", followeeId)
                        .set("active", active));
        recount(followerId, generation);
        recount(followeeId, generation);
    }

    private void post(String postId, String authorId, boolean deleted, EventEnvelope event, int generation) {
        applyIfNewer(
                mongo,
                collection(POSTS, generation),
                postId,
                event.sequence(),
                new Update().set("authorId", authorId).set("deleted", deleted));
        recount(authorId, generation);
    }

    /** Derives every count of a user from the view's current edges and posts. */
    private void recount(String userId, int generation) {
        String follows = collection(FOLLOWS, generation);
        long followers =
                mongo.count(query(where("followeeId").is(userId).and("active").is(true)), follows);
        long following =
                mongo.count(query(where("followerId").is(userId).and("active").is(true)), follows);
        long posts = mongo.count(
                query(where("authorId").is(userId).and("deleted").is(false)), collection(POSTS, generation));
        // No upsert: a profile appears only with its registration.
        mongo.updateFirst(
                query(where("_id").is(userId)),
                new Update()
                        .set("followerCount", followers)
                        .set("followingCount", following)
                        .set("postCount", posts),
                collection(USERS, generation));
    }
}
