package dev.shutter.projections.timeline;

import static dev.shutter.projections.view.Generations.collection;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The timelines view's own copy of who follows whom: one {@code followerEdges} document per follower and followee
 * ({@code {_id: "<followeeId>/<followerId>", followeeId, followerId}}), read through the index {@code {followeeId,
 * followerId}} for an account's followers and {@code {followerId, followeeId}} for the accounts a user follows; the
 * set of accounts whose posts are merged in at read time instead of being fanned out; and whether two users are kept
 * apart by a block (neither follows the other here), answered from the view's {@code blocks}, one document per
 * blocker and blocked user.
 */
final class FollowGraph {

    static final String EDGES = "followerEdges";
    static final String MERGED = "merged";

    private final MongoTemplate mongo;
    private final String edges;
    private final String merged;
    private final String blocks;

    FollowGraph(MongoTemplate mongo, int generation) {
        this.mongo = mongo;
        this.edges = collection(EDGES, generation);
        this.merged = collection(MERGED, generation);
        this.blocks = collection(TimelineProjection.BLOCKS, generation);
    }

    /** Adds a follower (idempotent). */
    void add(String followeeId, String followerId) {
        mongo.upsert(
                byId(edgeId(followeeId, followerId)),
                new Update().setOnInsert("followeeId", followeeId).setOnInsert("followerId", followerId),
                edges);
    }

    /** Removes a follower (idempotent). */
    void remove(String followeeId, String followerId) {
        mongo.remove(byId(edgeId(followeeId, followerId)), edges);
    }

    /**
     * Whether the account has more than {@code threshold} followers, counted from the edges (so nothing drifts under
     * redelivery) and no further than one past the threshold, whatever the account's size.
     */
    boolean hasMoreFollowersThan(String followeeId, int threshold) {
        return mongo.count(query(where("followeeId").is(followeeId)).limit(threshold + 1), edges) > threshold;
    }

    /** The account's followers, in batches of at most {@code size}, read in order of their ids. */
    void forEachFollowerBatch(String followeeId, int size, Consumer<List<String>> batch) {
        forEachBatch("followeeId", followeeId, "followerId", size, batch);
    }

    /** The accounts the user follows, in batches of at most {@code size}, read in order of their ids. */
    void forEachFolloweeBatch(String followerId, int size, Consumer<List<String>> batch) {
        forEachBatch("followerId", followerId, "followeeId", size, batch);
    }

    /** The other ends of one user's edges, a range of the index {@code {<field>, <other>}} at a time. */
    private void forEachBatch(String field, String userId, String other, int size, Consumer<List<String>> batch) {
        String after = null;
        while (true) {
            Criteria range = where(field).is(userId);
            if (after != null) {
                range = range.and(other).gt(after);
            }
            Query page = query(range).with(Sort.by(other)).limit(size);
            page.fields().include(other).exclude("_id");
            List<String> ids = mongo.find(page, Document.class, edges).stream()
                    .map(edge -> edge.getString(other))
                    .toList();
            if (!ids.isEmpty()) {
                batch.accept(ids);
            }
            if (ids.size() < size) {
                return;
            }
            after = ids.get(ids.size() - 1);
        }
    }

    boolean isMerged(String accountId) {
        return mongo.exists(byId(accountId), merged);
    }

    void merge(String accountId) {
        mongo.upsert(byId(accountId), new Update().setOnInsert("_id", accountId), merged);
    }

    void unmerge(String accountId) {
        mongo.remove(byId(accountId), merged);
    }

    /** Every merged account; there are few, as each has more followers than the threshold. */
    Set<String> mergedAccounts() {
        Set<String> ids = new HashSet<>();
        mongo.findAll(Document.class, merged).forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }

    /** Removes a user's edges, in either direction, and their merged mark (idempotent). */
    void forget(String userId) {
        mongo.remove(query(where("followeeId").is(userId)), edges);
        mongo.remove(query(where("followerId").is(userId)), edges);
        mongo.remove(byId(userId), merged);
    }

    /**
     * Whether one of the two blocks the other: two point reads of the index {@code {blockerId, blockedId}} of the
     * view's {@code blocks}, whose {@code active} follows the Block aggregate's sequence numbers.
     */
    boolean areApart(String userId, String otherId) {
        return blocks(userId, otherId) || blocks(otherId, userId);
    }

    private boolean blocks(String blockerId, String blockedId) {
        return mongo.exists(
                query(where("blockerId")
                        .is(blockerId)
                        .and("blockedId")
                        .is(blockedId)
                        .and("active")
                        .is(true)),
                blocks);
    }

    private static String edgeId(String followeeId, String followerId) {
        return followeeId + "/" + followerId;
    }

    private static Query byId(String id) {
        return query(where("_id").is(id));
    }
}
