package dev.shutter.devstack.infra;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A secondary (non-unique) index for the in-process MongoDB, which otherwise accepts such indexes and ignores them. It
 * answers the queries that give the index's first field a plain value, the way the services ask for a user's follows,
 * likes, posts or notifications; the other fields of the query (and of a compound index) are matched on what it finds,
 * as MongoDB does with the prefix of an index. Array fields are indexed per element, as in MongoDB's multikey indexes.
 *
 * <p>Each value of the first field maps to the {@code _id}s of its documents and their positions. The methods that use
 * those maps are synchronized, as the library's own indexes are: not every path into a collection holds the
 * collection's lock.
 */
final class EqualityIndex extends Index<Integer> {

    private final String idField;
    private final String field;
    private final Map<Object, Map<Object, Integer>> positions = new HashMap<>();
    private long entries;

    EqualityIndex(String name, List<IndexKey> keys, boolean sparse, String idField) {
        super(name, keys, sparse);
        this.idField = idField;
        this.field = keys.get(0).getKey();
    }

    @Override
    public boolean canHandle(Document query) {
        return equalityOrIn(query.get(field), EqualityIndex::plain);
    }

    /** Whether the condition is a value, or an {@code $in} and nothing else, of values that are all accepted. */
    static boolean equalityOrIn(Object condition, Predicate<Object> accepted) {
        if (condition instanceof Document expression) {
            return expression.size() == 1
                    && expression.get("$in") instanceof Collection<?> values
                    && values.stream().allMatch(accepted);
        }
        return accepted.test(condition);
    }

    /** A value an equality on this index is answered for: not null, a document, an array or a pattern. */
    private static boolean plain(Object value) {
        return value != null
                && !(value instanceof Document)
                && !(value instanceof List)
                && !(value instanceof Pattern)
                && !value.getClass().isArray();
    }

    @Override
    public synchronized Iterable<Integer> getPositions(Document query) {
        Object condition = query.get(field);
        Collection<?> wanted = condition instanceof Document in ? (Collection<?>) in.get("$in") : List.of(condition);
        String[] path = field.split("\\.");
        Set<Integer> found = new HashSet<>();
        for (Object value : wanted) {
            // The value laid out as a document, so that it is normalized the way documents' values are.
            Document queried = new Document();
            Document parent = queried;
            for (int i = 0; i < path.length - 1; i++) {
                parent = (Document) parent.computeIfAbsent(path[i], step -> new Document());
            }
            parent.put(path[path.length - 1], value);
            for (Object key : values(queried)) {
                found.addAll(positions.getOrDefault(key, Map.of()).values());
            }
        }
        return inCollectionOrder(found);
    }

    /** Positions sorted, which is the order a scan of the in-memory collection finds their documents in. */
    static List<Integer> inCollectionOrder(Iterable<Integer> positions) {
        List<Integer> sorted = new ArrayList<>();
        positions.forEach(sorted::add);
        sorted.sort(null);
        return sorted;
    }

    @Override
    public Integer getPosition(Document document) {
        // Many documents share a key value: only the _id index knows where one document is.
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Integer> collection) {
        getKeyValues(document); // refuses parallel arrays, as MongoDB does
    }

    @Override
    public synchronized void add(Document document, Integer position, MongoCollection<Integer> collection) {
        Object id = document.get(idField);
        for (Object value : values(document)) {
            if (positions.computeIfAbsent(value, v -> new HashMap<>()).put(id, position) == null) {
                entries++;
            }
        }
    }

    @Override
    public synchronized Integer remove(Document document) {
        Object id = document.get(idField);
        Integer position = null;
        for (Object value : values(document)) {
            Map<Object, Integer> documents = positions.get(value);
            Integer removed = documents == null ? null : documents.remove(id);
            if (removed != null) {
                position = removed;
                entries--;
                if (documents.isEmpty()) {
                    positions.remove(value);
                }
            }
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {
        getKeyValues(newDocument);
    }

    @Override
    public synchronized void updateInPlace(
            Document oldDocument, Document newDocument, Integer position, MongoCollection<Integer> collection) {
        if (!values(oldDocument).equals(values(newDocument))) {
            remove(oldDocument);
            add(newDocument, position, collection);
        }
    }

    /**
     * The document's values of the first field, normalized (one per element of an array). A document without any (an
     * empty array) is kept under null, which no query asks for: the collection removes a document from every index.
     */
    private Set<Object> values(Document document) {
        Set<Object> values = new HashSet<>();
        for (KeyValue keyValue : getKeyValues(document)) {
            values.add(keyValue.get(0));
        }
        if (values.isEmpty()) {
            values.add(null);
        }
        return values;
    }

    @Override
    public synchronized long getCount() {
        return entries;
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public synchronized void drop() {
        positions.clear();
        entries = 0;
    }
}
