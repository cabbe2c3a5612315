package dev.shutter.push.user;

import dev.shutter.push.readmodel.ReadModelGenerations;
import dev.shutter.push.readmodel.ReadModelPart;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Collection {@code users}: {@code {_id: userId, username, seq}}. {@code seq} is the sequence
 * number of the last User-aggregate event applied to this service's view of the user, which
 * decides whether a redelivered event was applied already. Reads use the live generation; writes
 * name the generation they fill.
 */
@Repository
public class Users implements ReadModelPart {

    static final String COLLECTION = "users";

    private final MongoTemplate mongo;
    private final ReadModelGenerations generations;

    Users(MongoTemplate mongo, ReadModelGenerations generations) {
        this.mongo = mongo;
        this.generations = generations;
    }

    @Override
    public void createIndexes(int generation) {
        // reads are by _id only
    }

    /** The username of a user, if this service has seen the user's registration. */
    public Optional<String> usernameOf(String userId) {
        Query query = Query.query(Criteria.where("_id").is(userId));
        query.fields().include("username");
        return Optional.ofNullable(mongo.findOne(query, Document.class, generations.live(COLLECTION)))
                .map(user -> user.getString("username"));
    }

    /** The usernames of those of the users this service knows, by user id. */
    public Map<String, String> usernamesOf(Collection<String> userIds) {
        Map<String, String> names = new HashMap<>();
        List<String> ids = List.copyOf(userIds);
        String collection = generations.live(COLLECTION);
        for (int from = 0; from < ids.size(); from += 1000) {
            Query query = Query.query(Criteria.where("_id").in(ids.subList(from, Math.min(ids.size(), from + 1000))));
            query.fields().include("username");
            for (Document user : mongo.find(query, Document.class, collection)) {
                if (user.getString("username") != null) {
                    names.put(user.getString("_id"), user.getString("username"));
                }
            }
        }
        return names;
    }

    boolean alreadyApplied(String userId, long sequenceNumber, int generation) {
        Query query = Query.query(Criteria.where("_id").is(userId).and("seq").gte(sequenceNumber));
        return mongo.exists(query, collection(generation));
    }

    void recordUsername(String userId, String username, int generation) {
        mongo.upsert(
                Query.query(Criteria.where("_id").is(userId)),
                new Update().set("username", username),
                collection(generation));
    }

    /** Moves the user's applied sequence number forward; never backward. */
    void markApplied(String userId, long sequenceNumber, int generation) {
        Query user = Query.query(Criteria.where("_id").is(userId));
        mongo.upsert(user, new Update().setOnInsert("seq", -1L), collection(generation));
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(userId).and("seq").lt(sequenceNumber)),
                new Update().set("seq", sequenceNumber),
                collection(generation));
    }

    private static String collection(int generation) {
        return ReadModelGenerations.collection(COLLECTION, generation);
    }
}
