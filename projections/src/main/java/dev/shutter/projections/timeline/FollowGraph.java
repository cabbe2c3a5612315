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
 * ({@code {_id: "<followeeId>/<followerId>", followeeId, followerId}}, read through the index {@code {followeeId,
 * followerId}}), the set of accounts whose posts are merged in at read time instead of being fanned out, and per user
 * whom they blocked and who blocked them (such pairs are kept apart: neither follows the other here).
 */
final class FollowGraph {

    static final String EDGES = "followerEdges";
    static final String MERGED = "merged";
    static final String APART = "apart";

    private final MongoTemplate mongo;
    private final String edges;
    private final String merged;
    private final String apart;

    FollowGraph(MongoTemplate mongo, int generation) {
        this.mongo = mongo;
        this.edges = collection(EDGES, generation);
        this.merged = collection(MERGED, generation);
        this.apart = collection(APART, generation);
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
        String after = null;
        while (true) {
            Criteria range = where("followeeId").is(followeeId);
            if (after != null) {
                range = range.and("followerId").gt(after);
            }
            Query page = query(range).with(Sort.by("followerId")).limit(size);
            page.fields().include("followerId").exclude("_id");
            List<String> followers = mongo.find(page, Document.class, edges).stream()
                    .map(edge -> edge.getString("followerId"))
                    .toList();
            if (!followers.isEmpty()) {
                batch.accept(followers);
            }
            if (followers.size() < size) {
                return;
            }
            after = followers.get(followers.size() - 1);
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

    /** The blocker blocked the other user (idempotent). */
    void block(String blockerId, String blockedId) {
        mongo.upsert(byId(blockerId), new Update().addToSet("blocked", blockedId), apart);
        mongo.upsert(byId(blockedId), new Update().addToSet("blockedBy", blockerId), apart);
    }

    /** The blocker lifted the block (idempotent); a block the other way round still keeps the two apart. */
    void unblock(String blockerId, String blockedId) {
        mongo.updateFirst(byId(blockerId), new Update().pull("blocked", blockedId), apart);
        mongo.updateFirst(byId(blockedId), new Update().pull("blockedBy", blockerId), apart);
    }

    /** Removes a user's followers, merged mark and blocks (idempotent). */
    void forget(String userId) {
        mongo.remove(query(where("followeeId").is(userId)), edges);
        mongo.remove(byId(userId), merged);
        mongo.remove(byId(userId), apart);
    }

    /** Whether one of the two blocked the other. */
    boolean areApart(String userId, String otherId) {
        return mongo.exists(
                query(where("_id")
                        .is(userId)
                        .orOperator(
                                where("blocked").is(otherId), where("blockedBy").is(otherId))),
                apart);
    }

    private static String edgeId(String followeeId, String followerId) {
        return followeeId + "/" + followerId;
    }

    private static Query byId(String id) {
        return query(where("_id").is(id));
    }
}
