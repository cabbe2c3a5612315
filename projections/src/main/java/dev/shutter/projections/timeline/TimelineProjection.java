package dev.shutter.projections.timeline;

import static dev.shutter.projections.view.Generations.collection;
import static dev.shutter.projections.view.SequenceGuard.applyIfNewer;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.projections.view.EventEnvelope;
import dev.shutter.projections.view.Projection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.util.Pair;
import org.springframework.stereotype.Component;

/**
 * The timeline view: each author's own posts and each user's home timeline, filled on write.
 *
 * <p>The view keeps its own copy of the follow edges and of the posts' authors and times. Each
 * event first updates that copy (guarded by the aggregate's sequence number) and then re-derives
 * the timeline entries from the copy's current state, so replaying an event, or resuming after a
 * crash between the two steps, converges to the same entries.
 */
@Component
class TimelineProjection implements Projection {

    static final String HOME = "home";
    static final String USER = "user";
    static final String FOLLOWS = "follows";
    static final String POSTS = "posts";
    private static final int BATCH = 500;

    private final MongoTemplate mongo;
    private final int postsOnFollow;

    TimelineProjection(
            @Qualifier("timelinesMongo") MongoTemplate mongo,
            @Value("${shutter.projections.timeline.posts-on-follow:50}") int postsOnFollow) {
        this.mongo = mongo;
        this.postsOnFollow = postsOnFollow;
    }

    @Override
    public String view() {
        return "timelines";
    }

    @Override
    public MongoTemplate mongo() {
        return mongo;
    }

    @Override
    public List<String> collections() {
        return List.of(HOME, USER, FOLLOWS, POSTS);
    }

    @Override
    public void createIndexes(int generation) {
        var home = mongo.indexOps(collection(HOME, generation));
        home.createIndex(new Index()
                .on("ownerId", Direction.ASC)
                .on("createdAt", Direction.DESC)
                .on("postId", Direction.DESC));
        home.createIndex(new Index().on("postId", Direction.ASC));
        home.createIndex(new Index().on("ownerId", Direction.ASC).on("authorId", Direction.ASC));
        mongo.indexOps(collection(USER, generation))
                .createIndex(new Index()
                        .on("authorId", Direction.ASC)
                        .on("createdAt", Direction.DESC)
                        .on("_id", Direction.DESC));
        mongo.indexOps(collection(FOLLOWS, generation))
                .createIndex(new Index().on("followeeId", Direction.ASC).on("active", Direction.ASC));
        mongo.indexOps(collection(POSTS, generation))
                .createIndex(new Index()
                        .on("authorId", Direction.ASC)
                        .on("deleted", Direction.ASC)
                        .on("createdAt", Direction.DESC));
    }

    @Override
    public boolean apply(EventEnvelope event, int generation) {
        Record payload = event.payload();
        if (payload instanceof PostPublished published) {
            post(
                    published.postId(),
                    event,
                    generation,
                    new Update()
                            .set("authorId", published.authorId())
                            .set("createdAt", event.date(published.publishedAt()))
                            .set("deleted", false));
        } else if (payload instanceof PostDeleted deleted) {
            post(
                    deleted.postId(),
                    event,
                    generation,
                    new Update().set("authorId", deleted.authorId()).set("deleted", true));
        } else if (payload instanceof UserFollowed followed) {
            edge(
                    followed.followId(),
                    event,
                    generation,
                    new Update()
                            .set("followerId", followed.followerId())
                            .set("followeeId", followed.followeeId())
                            .set("active", true));
        } else if (payload instanceof UserUnfollowed unfollowed) {
            edge(
                    unfollowed.followId(),
                    event,
                    generation,
                    new Update()
                            .set("followerId", unfollowed.followerId())
                            .set("followeeId", unfollowed.followeeId())
                            .set("active", false));
        } else {
            return false;
        }
        return true;
    }

    private void post(String postId, EventEnvelope event, int generation, Update update) {
        applyIfNewer(mongo, collection(POSTS, generation), postId, event.sequence(), update);
        Document post = mongo.findById(postId, Document.class, collection(POSTS, generation));
        if (post == null) {
            return;
        }
        if (post.getBoolean("deleted", false)) {
            mongo.remove(query(where("_id").is(postId)), collection(USER, generation));
            mongo.remove(query(where("postId").is(postId)), collection(HOME, generation));
        } else {
            mongo.upsert(
                    query(where("_id").is(postId)),
                    new Update().set("authorId", post.getString("authorId")).set("createdAt", post.get("createdAt")),
                    collection(USER, generation));
            fanOut(post, generation);
        }
    }

    /** Puts a post into the home timeline of every active follower of its author. */
    private void fanOut(Document post, int generation) {
        Query followers = query(
                where("followeeId").is(post.getString("authorId")).and("active").is(true));
        followers.fields().include("followerId");
        List<String> owners = new ArrayList<>(BATCH);
        try (Stream<Document> edges = mongo.stream(followers, Document.class, collection(FOLLOWS, generation))) {
            edges.forEach(edge -> {
                owners.add(edge.getString("followerId"));
                if (owners.size() == BATCH) {
                    addToHomes(owners, post, generation);
                    owners.clear();
                }
            });
        }
        addToHomes(owners, post, generation);
    }

    private void edge(String followId, EventEnvelope event, int generation, Update update) {
        applyIfNewer(mongo, collection(FOLLOWS, generation), followId, event.sequence(), update);
        Document edge = mongo.findById(followId, Document.class, collection(FOLLOWS, generation));
        if (edge == null) {
            return;
        }
        String followerId = edge.getString("followerId");
        String followeeId = edge.getString("followeeId");
        if (edge.getBoolean("active", false)) {
            Query recent = query(where("authorId").is(followeeId).and("deleted").is(false))
                    .with(Sort.by(Direction.DESC, "createdAt").and(Sort.by(Direction.DESC, "_id")))
                    .limit(postsOnFollow);
            List<Pair<Query, Update>> entries =
                    mongo.find(recent, Document.class, collection(POSTS, generation)).stream()
                            .map(post -> homeEntry(followerId, post))
                            .toList();
            upsertHomeEntries(entries, generation);
        } else {
            mongo.remove(
                    query(where("ownerId").is(followerId).and("authorId").is(followeeId)),
                    collection(HOME, generation));
        }
    }

    private void addToHomes(List<String> owners, Document post, int generation) {
        upsertHomeEntries(owners.stream().map(owner -> homeEntry(owner, post)).toList(), generation);
    }

    private static Pair<Query, Update> homeEntry(String owner, Document post) {
        String postId = post.getString("_id");
        return Pair.of(
                query(where("_id").is(owner + ":" + postId)),
                new Update()
                        .set("ownerId", owner)
                        .set("postId", postId)
                        .set("authorId", post.getString("authorId"))
                        .set("createdAt", post.get("createdAt")));
    }

    private void upsertHomeEntries(List<Pair<Query, Update>> entries, int generation) {
        if (!entries.isEmpty()) {
            mongo.bulkOps(BulkMode.UNORDERED, collection(HOME, generation))
                    .upsert(entries)
                    .execute();
        }
    }
}
