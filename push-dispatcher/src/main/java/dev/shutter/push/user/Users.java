package dev.shutter.push.user;

import dev.shutter.push.readmodel.ReadModelGenerations;
import dev.shutter.push.readmodel.ReadModelPart;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Collection {@code users}: {@code {_id: userId, username, seq}}. {@code seq} is the sequence
 * number of the last User-aggregate event applied to this service's view of the user, which
 * decides whether a redelivered event was applied already. A user who deleted their account leaves a tombstone
 * {@code {_id: userId, seq, deleted: true}}, without a name: it keeps the sequence guard, and tells the other handlers
 * that events naming the user which arrive later (redelivered, or committed around the deletion) bring nothing back.
 * Reads use the live generation; writes name the generation they fill.
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

    /** Those of the users who deleted their account, as far as the live generation knows. */
    public Set<String> deletedAmong(Collection<String> userIds) {
        return deletedAmong(userIds, generations.live());
    }

    /** Those of the users who deleted their account, in the given generation. */
    public Set<String> deletedAmong(Collection<String> userIds, int generation) {
        Set<String> deleted = new HashSet<>();
        List<String> ids = List.copyOf(new HashSet<>(userIds));
        for (int from = 0; from < ids.size(); from += 1000) {
            // By _id alone, the flag checked here: every store answers that from its primary index, while a filter
            // on another field next to it makes some (devstack's in-process one) scan every user.
            Query query = Query.query(Criteria.where("_id").in(ids.subList(from, Math.min(ids.size(), from + 1000))));
            query.fields().include("_id", "deleted");
            mongo.find(query, Document.class, collection(generation)).forEach(user -> {
                if (Boolean.TRUE.equals(user.getBoolean("deleted"))) {
                    deleted.add(user.getString("_id"));
                }
            });
        }
        return deleted;
    }

    /** Whether any of the users deleted their account, in the given generation. */
    public boolean anyDeleted(Collection<String> userIds, int generation) {
        return !deletedAmong(userIds, generation).isEmpty();
    }

    /** Whether the user deleted their account, as far as the live generation knows. */
    public boolean isDeleted(String userId) {
        return userId != null && !deletedAmong(List.of(userId)).isEmpty();
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

    /** Leaves the tombstone of a deleted account: the id and the sequence guard, nothing personal. */
    void recordDeleted(String userId, int generation) {
        mongo.upsert(
                Query.query(Criteria.where("_id").is(userId)),
                new Update().unset("username").set("deleted", true),
                collection(generation));
    }

    /**
     * Moves the user's applied sequence number forward; never backward. ({@code $max} also sets it on a document that
     * the event's own write created without one.)
     */
    void markApplied(String userId, long sequenceNumber, int generation) {
        mongo.upsert(
                Query.query(Criteria.where("_id").is(userId)),
                new Update().max("seq", sequenceNumber),
                collection(generation));
    }

    private static String collection(int generation) {
        return ReadModelGenerations.collection(COLLECTION, generation);
    }
}
