package dev.shutter.push.block;

import dev.shutter.push.readmodel.ReadModelGenerations;
import dev.shutter.push.readmodel.ReadModelPart;
import java.util.HashSet;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Collection {@code blocks}: {@code {_id: blockId, blockerId, blockedId, active, seq}}, one document per Block
 * aggregate (an ordered pair of users). {@code seq} is the sequence number of the last event applied. Reads use the
 * live generation; writes name the generation they fill.
 */
@Repository
public class Blocks implements ReadModelPart {

    static final String COLLECTION = "blocks";

    private final MongoTemplate mongo;
    private final ReadModelGenerations generations;

    Blocks(MongoTemplate mongo, ReadModelGenerations generations) {
        this.mongo = mongo;
        this.generations = generations;
        createIndexes(generations.live());
    }

    @Override
    public void createIndexes(int generation) {
        String collection = ReadModelGenerations.collection(COLLECTION, generation);
        mongo.indexOps(collection)
                .ensureIndex(new Index().on("blockerId", Sort.Direction.ASC).on("active", Sort.Direction.ASC));
        mongo.indexOps(collection)
                .ensureIndex(new Index().on("blockedId", Sort.Direction.ASC).on("active", Sort.Direction.ASC));
    }

    /**
     * Sets whether the blocker blocks the blocked user, unless an event with the same or a higher sequence number of
     * that Block aggregate was applied already.
     */
    void apply(
            String blockId, String blockerId, String blockedId, boolean active, long sequenceNumber, int generation) {
        String collection = ReadModelGenerations.collection(COLLECTION, generation);
        mongo.upsert(
                Query.query(Criteria.where("_id").is(blockId)),
                new Update()
                        .setOnInsert("blockerId", blockerId)
                        .setOnInsert("blockedId", blockedId)
                        .setOnInsert("active", false)
                        .setOnInsert("seq", -1L),
                collection);
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(blockId).and("seq").lt(sequenceNumber)),
                new Update().set("active", active).set("seq", sequenceNumber),
                collection);
    }

    /** Forgets every block a user who deleted their account made or was the object of. */
    void forget(String userId, int generation) {
        mongo.remove(
                Query.query(new Criteria()
                        .orOperator(
                                Criteria.where("blockerId").is(userId),
                                Criteria.where("blockedId").is(userId))),
                ReadModelGenerations.collection(COLLECTION, generation));
    }

    /** Everyone the user blocks or is blocked by: nothing either side does notifies the other. */
    public Set<String> separatedFrom(String userId) {
        String collection = generations.live(COLLECTION);
        Set<String> others = new HashSet<>();
        Query blocking =
                Query.query(Criteria.where("blockerId").is(userId).and("active").is(true));
        blocking.fields().include("blockedId");
        mongo.find(blocking, Document.class, collection).forEach(block -> others.add(block.getString("blockedId")));
        Query blockedBy =
                Query.query(Criteria.where("blockedId").is(userId).and("active").is(true));
        blockedBy.fields().include("blockerId");
        mongo.find(blockedBy, Document.class, collection).forEach(block -> others.add(block.getString("blockerId")));
        return others;
    }
}
