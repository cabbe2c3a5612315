package dev.shutter.projections.support;

import java.util.Collection;
import java.util.List;
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

    /** The documents of every collection of a generation, by base name, without the named fields. */
    public static Map<String, Object> generation(MongoTemplate mongo, int generation, Set<String> excludedFields) {
        String suffix = "_g" + generation;
        Map<String, Object> collections = new TreeMap<>();
        for (String name : mongo.getCollectionNames()) {
            if (name.endsWith(suffix)) {
                collections.put(
                        name.substring(0, name.length() - suffix.length()), collection(mongo, name, excludedFields));
            }
        }
        return collections;
    }

    /**
     * The documents of a database that hold any of the values anywhere in them, by collection name; collections whose
     * names start with one of the skipped prefixes are not searched.
     */
    public static Map<String, List<Document>> holding(
            MongoTemplate mongo, Collection<String> values, Set<String> skippedPrefixes) {
        Map<String, List<Document>> found = new TreeMap<>();
        for (String name : mongo.getCollectionNames()) {
            if (skippedPrefixes.stream().noneMatch(name::startsWith)) {
                List<Document> holding = mongo.findAll(Document.class, name).stream()
                        .filter(document -> values.stream().anyMatch(document.toJson()::contains))
                        .toList();
                if (!holding.isEmpty()) {
                    found.put(name, holding);
                }
            }
        }
        return found;
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
