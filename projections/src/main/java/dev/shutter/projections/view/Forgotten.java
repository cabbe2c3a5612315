package dev.shutter.projections.view;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The ids a generation of a view has forgotten: users who deleted their account and, where a view needs them, the ids
 * of their posts. A document holds the id and nothing else, no personal data. The view first writes these, then
 * removes what it kept about the user, so a deletion cut off half way is finished when {@code UserDeleted} comes
 * again; and an event naming a forgotten id that arrives afterwards (redelivered, or late) is skipped, so nothing of
 * the user comes back.
 */
public final class Forgotten {

    public static final String COLLECTION = "forgotten";

    private final MongoTemplate mongo;
    private final String collection;

    public Forgotten(MongoTemplate mongo, int generation) {
        this.mongo = mongo;
        this.collection = Generations.collection(COLLECTION, generation);
    }

    /** Remembers that these ids are forgotten (idempotent): one write. */
    public void forget(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, collection);
        ids.forEach(id -> bulk.upsert(query(where("_id").is(id)), new Update().setOnInsert("_id", id)));
        bulk.execute();
    }

    /** Whether any of the ids, nulls aside, is forgotten: one query. */
    public boolean any(String... ids) {
        List<String> named = Arrays.stream(ids).filter(Objects::nonNull).toList();
        return !named.isEmpty() && mongo.exists(query(where("_id").in(named)), collection);
    }

    /** Those of the ids that are forgotten: one query, none when there are no ids. */
    public Set<String> among(Collection<String> ids) {
        Set<String> forgotten = new HashSet<>();
        if (!ids.isEmpty()) {
            Query byIds = query(where("_id").in(ids));
            mongo.find(byIds, Document.class, collection).forEach(document -> forgotten.add(document.getString("_id")));
        }
        return forgotten;
    }
}
