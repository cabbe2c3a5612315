package dev.shutter.push.user;

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
 * decides whether a redelivered event was applied already.
 */
@Repository
public class Users {

    static final String COLLECTION = "users";

    private final MongoTemplate mongo;

    Users(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The username of a user, if this service has seen the user's registration. */
    public Optional<String> usernameOf(String userId) {
        Query query = Query.query(Criteria.where("_id").is(userId));
        query.fields().include("username");
        return Optional.ofNullable(mongo.findOne(query, Document.class, COLLECTION))
                .map(user -> user.getString("username"));
    }

    /** The usernames of those of the users this service knows, by user id. */
    public Map<String, String> usernamesOf(Collection<String> userIds) {
        Map<String, String> names = new HashMap<>();
        List<String> ids = List.copyOf(userIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            Query query = Query.query(Criteria.where("_id").in(ids.subList(from, Math.min(ids.size(), from + 1000))));
            query.fields().include("username");
            for (Document user : mongo.find(query, Document.class, COLLECTION)) {
                if (user.getString("username") != null) {
                    names.put(user.getString("_id"), user.getString("username"));
                }
            }
        }
        return names;
    }

    boolean alreadyApplied(String userId, long sequenceNumber) {
        Query query = Query.query(Criteria.where("_id").is(userId).and("seq").gte(sequenceNumber));
        return mongo.exists(query, COLLECTION);
    }

    void recordUsername(String userId, String username) {
        mongo.upsert(Query.query(Criteria.where("_id").is(userId)), new Update().set("username", username), COLLECTION);
    }

    /** Moves the user's applied sequence number forward; never backward. */
    void markApplied(String userId, long sequenceNumber) {
        Query user = Query.query(Criteria.where("_id").is(userId));
        mongo.upsert(user, new Update().setOnInsert("seq", -1L), COLLECTION);
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(userId).and("seq").lt(sequenceNumber)),
                new Update().set("seq", sequenceNumber),
                COLLECTION);
    }
}
