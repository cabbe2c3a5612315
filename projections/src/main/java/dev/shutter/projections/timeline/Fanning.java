package dev.shutter.projections.timeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What follows, unfollows and posts do to the home timelines of one generation: fan-out on write to the followers of
 * accounts at or below the threshold, a merge at read time for those above it.
 */
final class Fanning {

    private static final int BATCH = 500;
    /** Fan-outs to at least this many followers are logged with their duration. */
    private static final int LOGGED_FAN_OUT = 1000;

    private static final Logger log = LoggerFactory.getLogger(Fanning.class);

    private final TimelineSettings settings;
    private final FollowGraph graph;
    private final HomeTimelines homes;

    Fanning(MongoTemplate mongo, TimelineSettings settings, ArrivalCounts arrivals, int generation) {
        this.settings = settings;
        this.graph = new FollowGraph(mongo, generation);
        this.homes = new HomeTimelines(mongo, settings, graph, arrivals, generation);
    }

    HomeTimelines homes() {
        return homes;
    }

    /**
     * The follower now follows: the followee's recent posts join the follower's home timeline. A follow between two
     * users kept apart by a block is not taken into the graph (the command side refuses it; this covers a late one).
     */
    void follow(String followerId, String followeeId) {
        if (graph.areApart(followerId, followeeId)) {
            return;
        }
        graph.add(followeeId, followerId);
        homes.open(followerId);
        if (graph.isMerged(followeeId)) {
            return;
        }
        if (graph.hasMoreFollowersThan(followeeId, settings.fanOutThreshold())) {
            // From now on the account's posts are merged in when its followers read.
            graph.merge(followeeId);
            return;
        }
        homes.backfill(followerId, followeeId);
    }

    /** The follower no longer follows: the followee's posts leave the follower's home timeline. */
    void unfollow(String followerId, String followeeId) {
        graph.remove(followeeId, followerId);
        separate(followerId, followeeId);
        if (graph.isMerged(followeeId) && !graph.hasMoreFollowersThan(followeeId, settings.fanOutThreshold())) {
            // Back under the threshold: its followers' home timelines get the posts they were merged with.
            graph.unmerge(followeeId);
            graph.forEachFollowerBatch(
                    followeeId,
                    BATCH,
                    followers -> followers.forEach(follower -> homes.backfill(follower, followeeId)));
        }
    }

    /** Takes everything of an author out of a user's home timeline. Unfollowing and blocking do this. */
    void separate(String ownerId, String authorId) {
        homes.removeAuthor(ownerId, authorId);
    }

    /**
     * The blocker blocked the other user, as the view's {@code blocks} now says: from now on the two are apart,
     * neither follows the other here (so nothing is fanned out or merged from one to the other), and each one's posts
     * leave the other's home timeline. The command side ends the follow edges too; their events then find nothing
     * left to do. (A lifted block needs nothing more than its document: follows it ended are not restored.)
     */
    void block(String blockerId, String blockedId) {
        unfollow(blockerId, blockedId);
        unfollow(blockedId, blockerId);
    }

    /** Writes a post into the home timelines of its author's followers, unless the author is merged at read time. */
    void fanOut(String authorId, TimelineKey post, boolean retry) {
        if (graph.isMerged(authorId)) {
            return;
        }
        long start = System.nanoTime();
        int[] reached = {0};
        graph.forEachFollowerBatch(authorId, BATCH, followers -> {
            homes.push(followers, authorId, post, retry);
            reached[0] += followers.size();
        });
        if (reached[0] >= LOGGED_FAN_OUT) {
            log.info(
                    "Fanned out post {} to {} home timelines in {} ms",
                    post.postId(),
                    reached[0],
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * Removes the documents of a user who deleted their account: their home timeline and their edges. Their follows
     * have already ended here; their posts and blocks are the projection's to remove.
     */
    void forget(String userId) {
        homes.forget(userId);
        graph.forget(userId);
    }

    /** Takes a deleted post out of every home timeline that may hold it. */
    void removeFromFollowers(String authorId, String postId) {
        graph.forEachFollowerBatch(authorId, BATCH, followers -> homes.remove(followers, postId));
    }
}
