package dev.shutter.projections.timeline;

import static dev.shutter.projections.view.Generations.collection;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The timelines view's own copy of who follows whom: per account the set of its followers and their count, the set of
 * accounts whose posts are merged in at read time instead of being fanned out, and per user whom they blocked and who
 * blocked them (such pairs are kept apart: neither follows the other here).
 */
final class FollowGraph {

    static final String FOLLOWERS = "followers";
    static final String MERGED = "merged";
    static final String APART = "apart";

    private final MongoTemplate mongo;
    private final String followers;
    private final String merged;
    private final String apart;

    FollowGraph(MongoTemplate mongo, int generation) {
        this.mongo = mongo;
        this.followers = collection(FOLLOWERS, generation);
        this.merged = collection(MERGED, generation);
        this.apart = collection(APART, generation);
    }

    /**
     * Adds a follower (idempotent).
     *
     * @return the account's follower count afterwards
     */
    long add(String followeeId, String followerId) {
        var result = mongo.upsert(byId(followeeId), new Update().addToSet("ids", followerId), followers);
        boolean added = result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        return added ? increment(followeeId, 1) : count(followeeId);
    }

    /**
     * Removes a follower (idempotent).
     *
     * @return the account's follower count afterwards
     */
    long remove(String followeeId, String followerId) {
        var result = mongo.updateFirst(byId(followeeId), new Update().pull("ids", followerId), followers);
        return result.getModifiedCount() > 0 ? increment(followeeId, -1) : count(followeeId);
    }

    List<String> followersOf(String followeeId) {
        Query byId = byId(followeeId);
        byId.fields().include("ids");
        Document document = mongo.findOne(byId, Document.class, followers);
        return document == null ? List.of() : document.getList("ids", String.class, List.of());
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
        mongo.remove(byId(userId), followers);
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

    private long increment(String followeeId, int by) {
        Query byId = byId(followeeId);
        byId.fields().include("count");
        Document counted = mongo.findAndModify(
                byId,
                new Update().inc("count", by),
                FindAndModifyOptions.options().returnNew(true),
                Document.class,
                followers);
        return counted == null ? 0 : counted.get("count", Number.class).longValue();
    }

    private long count(String followeeId) {
        Query byId = byId(followeeId);
        byId.fields().include("count");
        Document document = mongo.findOne(byId, Document.class, followers);
        return document != null && document.get("count") instanceof Number count ? count.longValue() : 0;
    }

    private static Query byId(String id) {
        return query(where("_id").is(id));
    }
}
