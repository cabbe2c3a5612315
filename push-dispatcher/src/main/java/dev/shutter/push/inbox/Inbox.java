package dev.shutter.push.inbox;

import dev.shutter.push.settings.NotificationType;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The in-app inbox, grouped per recipient, type and post.
 *
 * <ul>
 *   <li>{@code inbox_actors}: {@code {_id: "<groupId>|<actorId>", groupId, actorId, at}}, one document per actor of a
 *       group, so an actor liking twice counts once and a redelivered event changes nothing;
 *   <li>{@code inbox_groups}: {@code {_id: "<recipientId>|<type>|<postId>", recipientId, type, postId, actorCount,
 *       recentActorIds, latestAt}}, recomputed from the actors after every write rather than incremented;
 *   <li>{@code inbox_state}: {@code {_id: recipientId, seenAt}}: groups whose {@code latestAt} is later are unseen.
 * </ul>
 *
 * A new post has one actor per group, so its groups are written in bulk without actor documents.
 */
@Repository
public class Inbox {

    static final String GROUPS = "inbox_groups";
    static final String ACTORS = "inbox_actors";
    static final String STATE = "inbox_state";
    static final int RECENT_ACTORS = 3;

    private final MongoTemplate mongo;

    Inbox(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @PostConstruct
    void createIndexes() {
        mongo.indexOps(GROUPS)
                .ensureIndex(new Index()
                        .on("recipientId", Sort.Direction.ASC)
                        .on("latestAt", Sort.Direction.DESC)
                        .on("_id", Sort.Direction.DESC));
        mongo.indexOps(ACTORS)
                .ensureIndex(new Index().on("groupId", Sort.Direction.ASC).on("at", Sort.Direction.DESC));
        // an account's deletion finds the groups and actor documents that name the user
        mongo.indexOps(ACTORS).ensureIndex(new Index().on("actorId", Sort.Direction.ASC));
        mongo.indexOps(GROUPS).ensureIndex(new Index().on("recentActorIds", Sort.Direction.ASC));
    }

    /** Adds the actor to each recipient's group of this type and post. Idempotent. */
    public void record(
            Collection<String> recipientIds, NotificationType type, String postId, String actorId, Instant at) {
        if (recipientIds.isEmpty()) {
            return;
        }
        if (type == NotificationType.NEW_POST) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, GROUPS);
            for (String recipientId : recipientIds) {
                bulk.upsert(
                        Query.query(Criteria.where("_id").is(groupId(recipientId, type, postId))),
                        group(recipientId, type, postId)
                                .set("actorCount", 1L)
                                .set("recentActorIds", List.of(actorId))
                                .set("latestAt", Date.from(at)));
            }
            bulk.execute();
            return;
        }
        for (String recipientId : recipientIds) {
            String groupId = groupId(recipientId, type, postId);
            mongo.upsert(
                    Query.query(Criteria.where("_id").is(groupId + "|" + actorId)),
                    new Update()
                            .setOnInsert("groupId", groupId)
                            .setOnInsert("actorId", actorId)
                            .max("at", Date.from(at)),
                    ACTORS);
            recompute(groupId, recipientId, type, postId);
        }
    }

    /**
     * Forgets a user who deleted their account: their own inbox and seen mark, and their part in everyone else's
     * groups. A group keeps its other actors ("alice and bob liked your post" becomes "bob liked your post"); a group
     * whose only actor was the user goes. Idempotent.
     */
    public void forget(String userId) {
        mongo.remove(Query.query(Criteria.where("recipientId").is(userId)), GROUPS);
        // the actors of the user's own groups: group ids start with "<userId>|", and '}' follows '|'
        mongo.remove(Query.query(Criteria.where("groupId").gte(userId + "|").lt(userId + "}")), ACTORS);
        mongo.remove(Query.query(Criteria.where("_id").is(userId)), STATE);
        Set<String> touched = new HashSet<>();
        Query acted = Query.query(Criteria.where("actorId").is(userId));
        acted.fields().include("groupId");
        mongo.find(acted, Document.class, ACTORS).forEach(actor -> touched.add(actor.getString("groupId")));
        Query named = Query.query(Criteria.where("recentActorIds").is(userId));
        named.fields().include("_id");
        mongo.find(named, Document.class, GROUPS).forEach(group -> touched.add(group.getString("_id")));
        mongo.remove(acted, ACTORS);
        for (String groupId : touched) {
            Document group = mongo.findById(groupId, Document.class, GROUPS);
            if (group != null) {
                recompute(
                        groupId,
                        group.getString("recipientId"),
                        NotificationType.ofWireName(group.getString("type")),
                        group.getString("postId"));
            }
        }
    }

    /** Sets the group from its actor documents; a group without any goes. */
    private void recompute(String groupId, String recipientId, NotificationType type, String postId) {
        Query actors = Query.query(Criteria.where("groupId").is(groupId));
        long count = mongo.count(actors, ACTORS);
        List<Document> recent = mongo.find(
                Query.query(Criteria.where("groupId").is(groupId))
                        .with(Sort.by(Sort.Direction.DESC, "at"))
                        .limit(RECENT_ACTORS),
                Document.class,
                ACTORS);
        if (recent.isEmpty()) {
            mongo.remove(Query.query(Criteria.where("_id").is(groupId)), GROUPS);
            return;
        }
        mongo.upsert(
                Query.query(Criteria.where("_id").is(groupId)),
                group(recipientId, type, postId)
                        .set("actorCount", count)
                        .set(
                                "recentActorIds",
                                recent.stream()
                                        .map(actor -> actor.getString("actorId"))
                                        .toList())
                        .set("latestAt", recent.get(0).getDate("at")),
                GROUPS);
    }

    private static Update group(String recipientId, NotificationType type, String postId) {
        return new Update()
                .setOnInsert("recipientId", recipientId)
                .setOnInsert("type", type.wireName())
                .setOnInsert("postId", postId);
    }

    static String groupId(String recipientId, NotificationType type, String postId) {
        return recipientId + "|" + type.wireName() + "|" + (postId == null ? "-" : postId);
    }

    /** A page of the recipient's groups, newest first, starting after the cursor position (if any). */
    List<Document> page(String recipientId, Cursor after, int limit) {
        Criteria criteria = Criteria.where("recipientId").is(recipientId);
        if (after != null) {
            Date at = Date.from(after.latestAt());
            criteria = criteria.orOperator(
                    Criteria.where("latestAt").lt(at),
                    Criteria.where("latestAt").is(at).and("_id").lt(after.id()));
        }
        Query query = Query.query(criteria)
                .with(Sort.by(Sort.Order.desc("latestAt"), Sort.Order.desc("_id")))
                .limit(limit);
        return mongo.find(query, Document.class, GROUPS);
    }

    Instant seenAt(String recipientId) {
        Document state = mongo.findById(recipientId, Document.class, STATE);
        Date seenAt = state == null ? null : state.getDate("seenAt");
        return seenAt == null ? Instant.EPOCH : seenAt.toInstant();
    }

    long unseen(String recipientId) {
        return mongo.count(
                Query.query(Criteria.where("recipientId")
                        .is(recipientId)
                        .and("latestAt")
                        .gt(Date.from(seenAt(recipientId)))),
                GROUPS);
    }

    /** Everything up to {@code until} counts as seen; seen never moves back. */
    void markSeen(String recipientId, Instant until) {
        mongo.upsert(
                Query.query(Criteria.where("_id").is(recipientId)),
                new Update().max("seenAt", Date.from(until)),
                STATE);
    }

    /** A position in the newest-first order of groups. */
    record Cursor(Instant latestAt, String id) {}
}
