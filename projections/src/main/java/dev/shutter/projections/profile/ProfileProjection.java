package dev.shutter.projections.profile;

import static dev.shutter.projections.view.Generations.collection;
import static dev.shutter.projections.view.SequenceGuard.applyIfNewer;
import static dev.shutter.projections.view.SequenceGuard.updateIfNewer;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UsernameChanged;
import dev.shutter.projections.view.EventEnvelope;
import dev.shutter.projections.view.Forgotten;
import dev.shutter.projections.view.Projection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The profile view: one document per user with its counts and the accent-free forms of its display
 * name that user search matches by prefix ({@code displayNameKeys}; usernames are ASCII and matched
 * through {@code usernameLower}). The counts are derived from the view's
 * own follow edges and post list, each guarded by its aggregate's sequence number, so they are
 * recounted rather than incremented.
 *
 * <p>A deleted account ({@code UserDeleted}) is forgotten: its profile, its posts and every follow edge it was at
 * either end of go, and the users at the other ends are recounted. Events naming it that come later are skipped
 * (see {@link Forgotten}); a registration whose username is erased ({@code null}: read after the user's key was
 * destroyed) belongs to a deleted account and creates no profile.
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
        return List.of(USERS, FOLLOWS, POSTS, Forgotten.COLLECTION);
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
        Forgotten forgotten = new Forgotten(mongo, generation);
        if (payload instanceof UserDeleted deleted) {
            forget(deleted.userId(), forgotten, generation);
            return true;
        }
        String[] users = usersNamedBy(payload);
        if (users == null) {
            return false;
        }
        if (forgotten.any(users)) {
            // A late or redelivered event of a forgotten account brings nothing back.
            return true;
        }
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
        }
        return true;
    }

    /** The users an event of this view names, or null when the event does not concern the view. */
    private static String[] usersNamedBy(Record payload) {
        if (payload instanceof UserRegistered e) {
            return new String[] {e.userId()};
        } else if (payload instanceof ProfileUpdated e) {
            return new String[] {e.userId()};
        } else if (payload instanceof UsernameChanged e) {
            return new String[] {e.userId()};
        } else if (payload instanceof UserFollowed e) {
            return new String[] {e.followerId(), e.followeeId()};
        } else if (payload instanceof UserUnfollowed e) {
            return new String[] {e.followerId(), e.followeeId()};
        } else if (payload instanceof PostPublished e) {
            return new String[] {e.authorId()};
        } else if (payload instanceof PostDeleted e) {
            return new String[] {e.authorId()};
        }
        return null;
    }

    private void register(UserRegistered event, EventEnvelope envelope, int generation) {
        if (event.username() == null) {
            // Erased: the account was deleted; its UserDeleted follows.
            return;
        }
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

    /** Changes an existing profile only: one whose registration was erased does not appear. */
    private void update(ProfileUpdated event, long sequence, int generation) {
        updateIfNewer(
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
        if (event.username() == null) {
            // Erased: the account was deleted; its UserDeleted follows.
            return;
        }
        updateIfNewer(
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

    /**
     * Forgets a deleted account. The edges it was at an end of are first ended and the users at the other ends
     * recounted, and only then removed, so a redelivered {@code UserDeleted} after a crash finds them again.
     */
    private void forget(String userId, Forgotten forgotten, int generation) {
        forgotten.forget(List.of(userId));
        String follows = collection(FOLLOWS, generation);
        Query edges = query(new Criteria()
                .orOperator(where("followerId").is(userId), where("followeeId").is(userId)));
        Set<String> others = new HashSet<>();
        mongo.find(edges, Document.class, follows).forEach(edge -> {
            others.add(edge.getString("followerId"));
            others.add(edge.getString("followeeId"));
        });
        others.remove(userId);
        mongo.updateMulti(edges, new Update().set("active", false), follows);
        others.forEach(other -> recount(other, generation));
        mongo.remove(edges, follows);
        mongo.remove(query(where("authorId").is(userId)), collection(POSTS, generation));
        mongo.remove(query(where("_id").is(userId)), collection(USERS, generation));
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
