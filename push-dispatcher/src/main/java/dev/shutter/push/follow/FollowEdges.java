package dev.shutter.push.follow;

import jakarta.annotation.PostConstruct;
import java.util.List;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Collection {@code follows}: {@code {_id: followId, followerId, followeeId, active, seq}}, one
 * document per Follow aggregate. {@code seq} is the sequence number of the last event applied.
 */
@Repository
public class FollowEdges {

    static final String COLLECTION = "follows";

    private final MongoTemplate mongo;

    FollowEdges(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @PostConstruct
    void createIndexes() {
        mongo.indexOps(COLLECTION)
                .ensureIndex(new Index().on("followeeId", Sort.Direction.ASC).on("active", Sort.Direction.ASC));
    }

    /**
     * Sets whether the follower follows the followee, unless an event with the same or a higher
     * sequence number of that Follow aggregate was applied already.
     */
    void apply(String followId, String followerId, String followeeId, boolean active, long sequenceNumber) {
        mongo.upsert(
                Query.query(Criteria.where("_id").is(followId)),
                new Update()
                        .setOnInsert("followerId", followerId)
                        .setOnInsert("followeeId", followeeId)
                        .setOnInsert("active", false)
                        .setOnInsert("seq", -1L),
                COLLECTION);
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(followId).and("seq").lt(sequenceNumber)),
                new Update().set("active", active).set("seq", sequenceNumber),
                COLLECTION);
    }

    /** Whether the Follow aggregate's latest applied event left the follower following. */
    public boolean isActive(String followId) {
        return mongo.exists(
                Query.query(Criteria.where("_id").is(followId).and("active").is(true)), COLLECTION);
    }

    /** The ids of everyone who currently follows the user. */
    public List<String> activeFollowersOf(String followeeId) {
        Query query = Query.query(
                Criteria.where("followeeId").is(followeeId).and("active").is(true));
        query.fields().include("followerId");
        return mongo.find(query, Document.class, COLLECTION).stream()
                .map(edge -> edge.getString("followerId"))
                .toList();
    }
}
