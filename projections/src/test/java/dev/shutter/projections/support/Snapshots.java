package dev.shutter.projections.support;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** Full contents of collections, to compare read models. */
public final class Snapshots {

    private Snapshots() {}

    /** Every document of every collection of a database except the named ones, by collection name. */
    public static Map<String, Object> database(MongoTemplate mongo, Set<String> excludedCollections) {
        Map<String, Object> snapshot = new TreeMap<>();
        for (String name : mongo.getCollectionNames()) {
            if (!excludedCollections.contains(name)) {
                snapshot.put(name, collection(mongo, name, Set.of()));
            }
        }
        return snapshot;
    }

    /** Every document of a collection in _id order, without the named fields. */
    public static Object collection(MongoTemplate mongo, String collection, Set<String> excludedFields) {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, collection).stream()
                .map(document -> {
                    Document copy = new Document(document);
                    excludedFields.forEach(copy::remove);
                    return copy;
                })
                .toList();
    }
}
