package dev.shutter.projections.view;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Applies a change to a document only when the event is newer than the last one the document saw,
 * judged by the aggregate sequence number stored in the document's {@code seq} field.
 */
public final class SequenceGuard {

    public static final String SEQ = "seq";

    /**
     * How MongoDB names the index a duplicate key collided on: {@code E11000 duplicate key error collection: db.c
     * index: _id_ dup key: { ... }}. Only the first name counts: the key's values, quoted after it, may contain
     * anything.
     */
    private static final Pattern INDEX = Pattern.compile("index: (\\S+) dup key");

    private SequenceGuard() {}

    /**
     * Upserts the document with the update if it is missing or saw only older events.
     *
     * @return whether the update was applied; false when the document already saw this event or a
     *     later one
     * @throws DuplicateKeyException when the document collides with another one on a unique index other than
     *     {@code _id}: a real failure, not an event already seen
     */
    public static boolean applyIfNewer(
            MongoTemplate mongo, String collection, String id, long sequence, Update update) {
        try {
            var result = mongo.upsert(
                    query(where("_id").is(id).and(SEQ).lt(sequence)), update.set(SEQ, sequence), collection);
            return result.getMatchedCount() > 0 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException e) {
            if (collidedOnId(e)) {
                // The filter missed because the stored seq is not older, so the upsert collided on _id.
                return false;
            }
            throw e;
        }
    }

    /**
     * Updates the document if it exists and saw only older events; never creates one.
     *
     * @return whether the update was applied
     */
    public static boolean updateIfNewer(
            MongoTemplate mongo, String collection, String id, long sequence, Update update) {
        var result = mongo.updateFirst(
                query(where("_id").is(id).and(SEQ).lt(sequence)), update.set(SEQ, sequence), collection);
        return result.getMatchedCount() > 0;
    }

    private static boolean collidedOnId(DuplicateKeyException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            Matcher index = INDEX.matcher(String.valueOf(cause.getMessage()));
            if (index.find()) {
                return index.group(1).equals("_id_");
            }
        }
        return false;
    }
}
