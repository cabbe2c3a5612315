package dev.shutter.projections.timeline;

import static dev.shutter.projections.view.Generations.collection;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.shutter.events.block.UserBlocked;
import dev.shutter.events.block.UserUnblocked;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UserSignedIn;
import dev.shutter.projections.view.EventEnvelope;
import dev.shutter.projections.view.Forgotten;
import dev.shutter.projections.view.Projection;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
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
 * The timelines view: each author's own posts, each user's home timeline, and the follow graph and activity they are
 * derived from. Every document is read and written by its {@code _id}, but for arrivals, which go by their owner, and
 * posts, which are also read by their author.
 *
 * <p>Collections of a generation:
 *
 * <ul>
 *   <li>{@code homes}: one document per user: the newest {@code entries} of their home timeline (newest first),
 *       {@code horizon} (the home timeline holds every fanned-out post newer than it, at most {@code home-cap};
 *       older pages are read from the followees' timelines), {@code activeUntil} and {@code stale} (a post was not
 *       fanned out to the user because they were inactive);
 *   <li>{@code homeTails}: one document per user whose home timeline outgrew the head: its older {@code entries};
 *   <li>{@code homeArrivals}: one document per entry fanned out since its owner's home was last folded (see {@link
 *       HomeTimelines});
 *   <li>{@code followerEdges}: one document per follower and followee, kept apart pairs left out, read by followee
 *       (fan-out) and by follower (regeneration, and the query side's merge at read time);
 *   <li>{@code merged}: the accounts above {@code fan-out-threshold}, whose posts are merged in at read time;
 *   <li>{@code posts}: one document per post ({@code authorId}, {@code createdAt}, {@code deleted}) with the sequence
 *       number that decides whether an event was already applied; it is also the user timeline: an author's posts,
 *       newest first, are a range of its index {@code {authorId, deleted, createdAt, _id}}, so a page or a follow's
 *       backfill reads only what it shows, however many posts the author has;
 *   <li>{@code follows}: the follow edges with the sequence numbers that decide whether an event was already applied;
 *   <li>{@code blocks}: one document per blocker and blocked user ({@code blockerId}, {@code blockedId}, {@code
 *       active}) with the sequence number that decides whether an event was already applied; two users one of whom
 *       blocks the other are kept apart: they do not follow each other here, so nothing is fanned out or merged from
 *       one to the other;
 *   <li>{@code forgotten}: the users who deleted their account (see {@link Forgotten}).
 * </ul>
 *
 * <p>Follow requests change nothing here: only an approved follow ({@code UserFollowed}) brings an account's posts,
 * which is how a private account's posts reach its approved followers only.
 *
 * <p>Each event first updates {@code follows}, {@code blocks} or {@code posts} (guarded by the aggregate's sequence
 * number) and then
 * re-derives the rest from their state, so a redelivered event, or one resumed after a crash half-way, converges to
 * the same documents.
 *
 * <p>A deleted account ({@code UserDeleted}) is forgotten: whatever of its posts is still fanned out leaves every
 * timeline, its follows in either direction end as an unfollow would end them, and then its own documents and those
 * edges, blocks and posts are removed. Events naming it that come later are skipped.
 */
@Component
class TimelineProjection implements Projection {

    static final String POSTS = "posts";
    static final String FOLLOWS = "follows";
    static final String BLOCKS = "blocks";
    /**
     * Collections of the layouts of earlier versions (per-entry timelines; one array of followers per account; one
     * array of posts per author; one array of blocks per user); dropped with their generation.
     */
    static final List<String> FORMER = List.of("home", "user", "followers", "authors", "apart");
    /**
     * Fields of {@code homes} in the layouts of earlier versions (the array of accounts followed); dropped with their
     * generation, and from a home of the current one whenever it is written whole.
     */
    static final List<String> FORMER_HOME_FIELDS = List.of("following");

    private final MongoTemplate mongo;
    private final TimelineSettings settings;
    private final ArrivalCounts arrivals = new ArrivalCounts();

    TimelineProjection(@Qualifier("timelinesMongo") MongoTemplate mongo, TimelineSettings settings) {
        this.mongo = mongo;
        this.settings = settings;
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
        List<String> current = List.of(
                HomeTimelines.HOMES,
                HomeTimelines.TAILS,
                HomeTimelines.ARRIVALS,
                FollowGraph.EDGES,
                FollowGraph.MERGED,
                FOLLOWS,
                BLOCKS,
                POSTS,
                Forgotten.COLLECTION);
        return Stream.concat(current.stream(), FORMER.stream()).toList();
    }

    @Override
    public void createIndexes(int generation) {
        // Every other read and write goes by _id; these find what a deleted account leaves behind.
        for (String field : List.of("followerId", "followeeId")) {
            mongo.indexOps(collection(FOLLOWS, generation)).createIndex(new Index().on(field, Direction.ASC));
        }
        // Whether two users are apart: a point read each way (also the blocks a deleted account made).
        mongo.indexOps(collection(BLOCKS, generation))
                .createIndex(new Index().on("blockerId", Direction.ASC).on("blockedId", Direction.ASC));
        mongo.indexOps(collection(BLOCKS, generation)).createIndex(new Index().on("blockedId", Direction.ASC));
        // An author's live posts, newest first, as one range (also what a deleted account leaves behind): the user
        // timeline's pages, a follow's backfill, a regeneration and the merge at read time.
        mongo.indexOps(collection(POSTS, generation))
                .createIndex(new Index()
                        .on("authorId", Direction.ASC)
                        .on("deleted", Direction.ASC)
                        .on("createdAt", Direction.DESC)
                        .on("_id", Direction.DESC));
        // A fan-out and the threshold's count read an account's followers in order of their ids; a regeneration and
        // the query side read the accounts a user follows in order of theirs.
        mongo.indexOps(collection(FollowGraph.EDGES, generation))
                .createIndex(new Index().on("followeeId", Direction.ASC).on("followerId", Direction.ASC));
        mongo.indexOps(collection(FollowGraph.EDGES, generation))
                .createIndex(new Index().on("followerId", Direction.ASC).on("followeeId", Direction.ASC));
        // A home's arrivals are read, folded and taken out by their owner.
        mongo.indexOps(collection(HomeTimelines.ARRIVALS, generation)).createIndex(new Index().on("o", Direction.ASC));
    }

    @Override
    public boolean apply(EventEnvelope event, int generation) {
        Record payload = event.payload();
        Fanning fanning = new Fanning(mongo, settings, arrivals, generation);
        Forgotten forgotten = new Forgotten(mongo, generation);
        if (payload instanceof UserDeleted deleted) {
            forget(deleted.userId(), fanning, forgotten, generation);
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
        if (payload instanceof PostPublished published) {
            Document post = guarded(
                    POSTS,
                    published.postId(),
                    event.sequence(),
                    generation,
                    new Document("authorId", published.authorId())
                            .append("createdAt", event.date(published.publishedAt()))
                            .append("deleted", false));
            onPost(post, fanning, generation);
        } else if (payload instanceof PostDeleted deleted) {
            Document post = guarded(
                    POSTS,
                    deleted.postId(),
                    event.sequence(),
                    generation,
                    new Document("authorId", deleted.authorId()).append("deleted", true));
            onPost(post, fanning, generation);
        } else if (payload instanceof UserFollowed followed) {
            Document edge = guarded(
                    FOLLOWS,
                    followed.followId(),
                    event.sequence(),
                    generation,
                    new Document("followerId", followed.followerId())
                            .append("followeeId", followed.followeeId())
                            .append("active", true));
            onEdge(edge, fanning);
        } else if (payload instanceof UserUnfollowed unfollowed) {
            Document edge = guarded(
                    FOLLOWS,
                    unfollowed.followId(),
                    event.sequence(),
                    generation,
                    new Document("followerId", unfollowed.followerId())
                            .append("followeeId", unfollowed.followeeId())
                            .append("active", false));
            onEdge(edge, fanning);
        } else if (payload instanceof UserBlocked blocked) {
            Document block = guarded(
                    BLOCKS,
                    blocked.blockId(),
                    event.sequence(),
                    generation,
                    new Document("blockerId", blocked.blockerId())
                            .append("blockedId", blocked.blockedId())
                            .append("active", true));
            onBlock(block, fanning);
        } else if (payload instanceof UserUnblocked unblocked) {
            Document block = guarded(
                    BLOCKS,
                    unblocked.blockId(),
                    event.sequence(),
                    generation,
                    new Document("blockerId", unblocked.blockerId())
                            .append("blockedId", unblocked.blockedId())
                            .append("active", false));
            onBlock(block, fanning);
        } else if (payload instanceof UserRegistered registered) {
            fanning.homes().active(registered.userId(), event.date(registered.registeredAt()));
        } else if (payload instanceof UserSignedIn signedIn) {
            fanning.homes().active(signedIn.userId(), event.date(signedIn.signedInAt()));
        }
        return true;
    }

    /** The users an event of this view names, or null when the event does not concern the view. */
    private static String[] usersNamedBy(Record payload) {
        if (payload instanceof PostPublished e) {
            return new String[] {e.authorId()};
        } else if (payload instanceof PostDeleted e) {
            return new String[] {e.authorId()};
        } else if (payload instanceof UserFollowed e) {
            return new String[] {e.followerId(), e.followeeId()};
        } else if (payload instanceof UserUnfollowed e) {
            return new String[] {e.followerId(), e.followeeId()};
        } else if (payload instanceof UserBlocked e) {
            return new String[] {e.blockerId(), e.blockedId()};
        } else if (payload instanceof UserUnblocked e) {
            return new String[] {e.blockerId(), e.blockedId()};
        } else if (payload instanceof UserRegistered e) {
            return new String[] {e.userId()};
        } else if (payload instanceof UserSignedIn e) {
            return new String[] {e.userId()};
        }
        return null;
    }

    /**
     * Forgets a deleted account. Its posts, follows and blocks are first taken out of the timelines and the graph,
     * each step idempotent, and their documents removed only afterwards, so a redelivered {@code UserDeleted} after a
     * crash finds them again.
     */
    private void forget(String userId, Fanning fanning, Forgotten forgotten, int generation) {
        forgotten.forget(List.of(userId));
        String posts = collection(POSTS, generation);
        Query ownPosts = query(where("authorId").is(userId));
        for (Document post : mongo.find(ownPosts, Document.class, posts)) {
            if (!post.getBoolean("deleted", false)) {
                fanning.removeFromFollowers(userId, post.getString("_id"));
            }
        }
        String follows = collection(FOLLOWS, generation);
        Query edges = query(new Criteria()
                .orOperator(where("followerId").is(userId), where("followeeId").is(userId)));
        for (Document edge : mongo.find(edges, Document.class, follows)) {
            if (edge.getBoolean("active", false)) {
                fanning.unfollow(edge.getString("followerId"), edge.getString("followeeId"));
            }
        }
        String blocks = collection(BLOCKS, generation);
        Query pairs = query(new Criteria()
                .orOperator(where("blockerId").is(userId), where("blockedId").is(userId)));
        fanning.forget(userId);
        mongo.remove(edges, follows);
        mongo.remove(pairs, blocks);
        mongo.remove(ownPosts, posts);
    }

    private void onPost(Document post, Fanning fanning, int generation) {
        String postId = post.getString("_id");
        String authorId = post.getString("authorId");
        if (post.getBoolean("deleted", false)) {
            // Out of the author's timeline already: it reads live posts only.
            fanning.removeFromFollowers(authorId, postId);
            return;
        }
        if (post.getBoolean("fanned", false)) {
            return;
        }
        Date at = post.getDate("createdAt");
        TimelineKey key = new TimelineKey(at, postId);
        boolean retry = post.getBoolean("fanning", false);
        if (!retry) {
            mark(postId, generation, "fanning");
        }
        fanning.homes().active(authorId, at);
        fanning.fanOut(authorId, key, retry);
        mark(postId, generation, "fanned");
    }

    private void onEdge(Document edge, Fanning fanning) {
        String followerId = edge.getString("followerId");
        String followeeId = edge.getString("followeeId");
        if (edge.getBoolean("active", false)) {
            fanning.follow(followerId, followeeId);
        } else {
            fanning.unfollow(followerId, followeeId);
        }
    }

    private void onBlock(Document block, Fanning fanning) {
        String blockerId = block.getString("blockerId");
        String blockedId = block.getString("blockedId");
        if (block.getBoolean("active", false)) {
            fanning.block(blockerId, blockedId);
        }
        // A lifted block needs nothing more: its document no longer keeps the two apart.
    }

    private void mark(String postId, int generation, String flag) {
        mongo.updateFirst(query(where("_id").is(postId)), new Update().set(flag, true), collection(POSTS, generation));
    }

    /**
     * Stores the fields when the document is missing or saw only older events of its aggregate, and answers the
     * document as it is afterwards. This view has one writer per generation, so reading then writing by id is safe.
     */
    private Document guarded(String base, String id, long sequence, int generation, Document fields) {
        String name = collection(base, generation);
        Document current = mongo.findById(id, Document.class, name);
        if (current != null && current.get("seq") instanceof Number seen && seen.longValue() >= sequence) {
            return current;
        }
        Document next = current == null ? new Document("_id", id) : current;
        next.putAll(fields);
        next.put("seq", sequence);
        mongo.save(next, name);
        return next;
    }
}
