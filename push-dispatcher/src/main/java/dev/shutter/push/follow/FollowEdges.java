package dev.shutter.push.follow;

import dev.shutter.push.readmodel.ReadModelGenerations;
import dev.shutter.push.readmodel.ReadModelPart;
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
 * Collection {@code follows}: {@code {_id: followId, followerId, followeeId, active, requested, seq}}, one document
 * per Follow aggregate, so one per follower and followee, never an array that grows with followers: {@code active}
 * while the follower follows, {@code requested} while a follow request to a private account is pending. {@code seq} is the sequence number of the last event applied. Reads use the live
 * generation; writes name the generation they fill.
 */
@Repository
public class FollowEdges implements ReadModelPart {

    static final String COLLECTION = "follows";

    private final MongoTemplate mongo;
    private final ReadModelGenerations generations;

    FollowEdges(MongoTemplate mongo, ReadModelGenerations generations) {
        this.mongo = mongo;
        this.generations = generations;
        createIndexes(generations.live());
    }

    @Override
    public void createIndexes(int generation) {
        String collection = ReadModelGenerations.collection(COLLECTION, generation);
        // Holds every field the fan-out reads, so MongoDB answers it from the index alone.
        mongo.indexOps(collection)
                .ensureIndex(new Index()
                        .on("followeeId", Sort.Direction.ASC)
                        .on("active", Sort.Direction.ASC)
                        .on("followerId", Sort.Direction.ASC));
        mongo.indexOps(collection).ensureIndex(new Index().on("followerId", Sort.Direction.ASC));
    }

    /**
     * Sets where the follower stands with the followee, unless an event with the same or a higher sequence number of
     * that Follow aggregate was applied already.
     */
    void apply(
            String followId,
            String followerId,
            String followeeId,
            boolean active,
            boolean requested,
            long sequenceNumber,
            int generation) {
        String collection = ReadModelGenerations.collection(COLLECTION, generation);
        mongo.upsert(
                Query.query(Criteria.where("_id").is(followId)),
                new Update()
                        .setOnInsert("followerId", followerId)
                        .setOnInsert("followeeId", followeeId)
                        .setOnInsert("active", false)
                        .setOnInsert("requested", false)
                        .setOnInsert("seq", -1L),
                collection);
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(followId).and("seq").lt(sequenceNumber)),
                new Update().set("active", active).set("requested", requested).set("seq", sequenceNumber),
                collection);
    }

    /** Forgets every follow and follow request of a user who deleted their account, both ways. */
    void forget(String userId, int generation) {
        mongo.remove(
                Query.query(new Criteria()
                        .orOperator(
                                Criteria.where("followerId").is(userId),
                                Criteria.where("followeeId").is(userId))),
                ReadModelGenerations.collection(COLLECTION, generation));
    }

    /** Whether the Follow aggregate's latest applied event left the follower following. */
    public boolean isActive(String followId) {
        return mongo.exists(
                Query.query(Criteria.where("_id").is(followId).and("active").is(true)), generations.live(COLLECTION));
    }

    /** Whether the Follow aggregate's latest applied event left a follow request pending. */
    public boolean isRequested(String followId) {
        return mongo.exists(
                Query.query(Criteria.where("_id").is(followId).and("requested").is(true)),
                generations.live(COLLECTION));
    }

    /** The ids of everyone who currently follows the user. */
    public List<String> activeFollowersOf(String followeeId) {
        Query query = Query.query(
                Criteria.where("followeeId").is(followeeId).and("active").is(true));
        query.fields().include("followerId").exclude("_id");
        return mongo.find(query, Document.class, generations.live(COLLECTION)).stream()
                .map(edge -> edge.getString("followerId"))
                .toList();
    }
}
