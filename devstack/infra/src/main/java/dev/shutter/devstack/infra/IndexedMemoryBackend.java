package dev.shutter.devstack.infra;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Constants;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's in-memory store, using indexes the way the services count on. The library ignores secondary
 * indexes and uses the {@code _id} index only for a query that names nothing else, so every other query, and every
 * count, read the whole collection. Here:
 *
 * <ul>
 *   <li>a query that names {@code _id} and something else ({@code {_id: id, seq: {$lt: n}}}, how the read models skip
 *       events they have seen), or whose top-level {@code $and} holds a condition on {@code _id}, looks the {@code _id}
 *       up first;
 *   <li>secondary indexes are kept ({@link EqualityIndex}) and find the documents with the queried value of their
 *       first field, at the query's top level or in its top-level {@code $and}: a user's follows, likes, posts or
 *       notifications;
 *   <li>an aggregation that begins with {@code $match} (what a driver's {@code countDocuments} sends) reads only what
 *       that {@code $match} finds with those indexes.
 * </ul>
 *
 * Whatever an index finds is then matched against the whole query, so the answers are the library's own.
 */
final class IndexedMemoryBackend extends MemoryBackend {

    private static final Logger log = LoggerFactory.getLogger(IndexedMemoryBackend.class);

    /**
     * Stages that read or write another collection, or hold pipelines that may: an aggregation with one is left to
     * read everything.
     */
    private static final Set<String> OTHER_COLLECTIONS =
            Set.of("$lookup", "$graphLookup", "$unionWith", "$facet", "$changeStream", "$merge", "$out");

    /** The aggregation this thread is running, while the database runs it. */
    private static final ThreadLocal<Aggregating> AGGREGATING = new ThreadLocal<>();

    private record Aggregating(String collection, Document match) {}

    /** Where every change goes before the client hears of it; null when the store lives in memory only. */
    private Journal journal;
    /** Set while the log is replayed: those changes are in the log already. */
    private boolean replaying;

    private final Map<String, IndexedDatabase> databases = new ConcurrentHashMap<>();

    /** A store in memory only, gone with the process. */
    IndexedMemoryBackend() {}

    /**
     * A store in memory that keeps every acknowledged change in a {@link Journal log} at {@code file}, replayed when it
     * starts again: as fast as the memory store, and it survives a killed process.
     */
    static IndexedMemoryBackend journaled(Path file) {
        IndexedMemoryBackend backend = new IndexedMemoryBackend();
        long started = System.nanoTime();
        backend.replaying = true;
        Journal journal;
        try {
            journal = Journal.replay(file, backend::apply);
        } finally {
            backend.replaying = false;
        }
        journal.rewrite(backend.snapshot().iterator());
        backend.journal = journal;
        log.info(
                "Read store loaded from {} in {} ms",
                file,
                java.time.Duration.ofNanos(System.nanoTime() - started).toMillis());
        return backend;
    }

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        IndexedDatabase database = new IndexedDatabase(databaseName, getCursorRegistry());
        databases.put(databaseName, database);
        return database;
    }

    @Override
    public void dropDatabase(String databaseName) {
        super.dropDatabase(databaseName);
        databases.remove(databaseName);
        journal(Journal.dropDatabase(databaseName));
    }

    @Override
    public void close() {
        super.close();
        if (journal != null) {
            journal.close();
        }
    }

    private void journal(Document record) {
        if (journal != null && !replaying) {
            journal.append(record);
        }
    }

    private static boolean logged(String collectionName) {
        return !collectionName.startsWith("system.");
    }

    /** Applies one record of the log. */
    private void apply(Document record) {
        String database = (String) record.get("db");
        String collection = (String) record.get("coll");
        switch ((String) record.get("op")) {
            case "put" -> database(database).collection(collection).replace((Document) record.get("doc"));
            case "delete" -> database(database).collection(collection).removeById(record.get("id"));
            case "drop" -> database(database).dropCollection(collection, oplog);
            case "dropDatabase" -> dropDatabase(database);
            case "index" -> database(database).addIndex((Document) record.get("index"));
            case "dropIndex" -> database(database).dropIndexNamed(collection, (String) record.get("name"));
            default -> throw new IllegalStateException("Unknown record in the read store's log: " + record);
        }
    }

    private IndexedDatabase database(String name) {
        return (IndexedDatabase) resolveDatabase(name);
    }

    /** The records that rebuild what the store holds now: every document, then every secondary index. */
    private Stream<Document> snapshot() {
        return databases.values().stream().flatMap(IndexedDatabase::snapshot);
    }

    private final class IndexedDatabase extends MemoryDatabase {

        // Filled from the super constructor, which opens the database's first collections: no initializer.
        private Map<String, IndexedCollection> collections;

        private final ThreadLocal<Boolean> droppingCollection = ThreadLocal.withInitial(() -> false);

        IndexedDatabase(String name, CursorRegistry cursorRegistry) {
            super(name, cursorRegistry);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            IndexedCollection collection = new IndexedCollection(this, collectionName, options, cursorRegistry);
            collections().put(collectionName, collection);
            return collection;
        }

        private Map<String, IndexedCollection> collections() {
            if (collections == null) {
                collections = new ConcurrentHashMap<>();
            }
            return collections;
        }

        IndexedCollection collection(String name) {
            return (IndexedCollection) resolveOrCreateCollection(name);
        }

        @Override
        public void dropCollection(String collectionName, Oplog oplog) {
            // The collection's indexes go with it: the drop says so, not a record per index.
            droppingCollection.set(true);
            try {
                super.dropCollection(collectionName, oplog);
            } finally {
                droppingCollection.remove();
            }
            collections().remove(collectionName);
            if (logged(collectionName)) {
                journal(Journal.drop(getDatabaseName(), collectionName));
            }
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            String oldName = collection.getCollectionName();
            super.moveCollection(oldDatabase, collection, newCollectionName);
            // The documents now live under the new name: the log says so as a drop and a put of each.
            if (oldDatabase instanceof IndexedDatabase old) {
                old.collections().remove(oldName);
                journal(Journal.drop(old.getDatabaseName(), oldName));
            }
            if (collection instanceof IndexedCollection moved) {
                collections().put(newCollectionName, moved);
                moved.queryAllAsStream()
                        .forEach(document -> journal(Journal.put(getDatabaseName(), newCollectionName, document)));
            }
        }

        @Override
        protected void addIndex(Document description) {
            super.addIndex(description);
            if (!isPrimaryKeyIndex(description)) {
                journal(Journal.index(getDatabaseName(), description));
            }
        }

        @Override
        protected void dropIndex(MongoCollection<Integer> collection, String indexName) {
            super.dropIndex(collection, indexName);
            if (droppingCollection.get()) {
                return;
            }
            journal(Journal.dropIndex(getDatabaseName(), collection.getCollectionName(), indexName));
        }

        void dropIndexNamed(String collectionName, String indexName) {
            dropIndex(resolveOrCreateCollection(collectionName), indexName);
        }

        Stream<Document> snapshot() {
            Stream<Document> documents = collections().entrySet().stream()
                    .filter(entry -> logged(entry.getKey()))
                    .flatMap(entry -> entry.getValue()
                            .queryAllAsStream()
                            .map(document -> Journal.put(getDatabaseName(), entry.getKey(), document)));
            Stream<Document> indexes = getOrCreateIndexesCollection()
                    .queryAllAsStream()
                    .filter(description -> !isPrimaryKeyIndex(description))
                    .map(description -> Journal.index(getDatabaseName(), description));
            return Stream.concat(documents, indexes);
        }

        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return new EqualityIndex(indexName, keys, sparse, Constants.ID_FIELD);
        }

        @Override
        public Document handleCommand(
                Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
            Document match = command.equalsIgnoreCase("aggregate") ? leadingMatch(query) : null;
            if (match == null) {
                return super.handleCommand(channel, command, query, resolver, oplog);
            }
            AGGREGATING.set(new Aggregating(getDatabaseName() + "." + query.get(command), match));
            try {
                return super.handleCommand(channel, command, query, resolver, oplog);
            } finally {
                AGGREGATING.remove();
            }
        }

        private static Document leadingMatch(Document aggregate) {
            if (!(aggregate.get("pipeline") instanceof List<?> stages) || stages.isEmpty()) {
                return null;
            }
            for (Object stage : stages) {
                if (!(stage instanceof Document operation)
                        || operation.keySet().stream().anyMatch(OTHER_COLLECTIONS::contains)) {
                    return null;
                }
            }
            return ((Document) stages.get(0)).get("$match") instanceof Document match ? match : null;
        }
    }

    private final class IndexedCollection extends MemoryCollection {

        IndexedCollection(
                MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursorRegistry) {
            super(database, name, options, cursorRegistry);
        }

        @Override
        protected Integer addDocumentInternal(Document document) {
            Integer position = super.addDocumentInternal(document);
            logPut(document);
            return position;
        }

        @Override
        protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
            super.handleUpdate(position, oldDocument, newDocument);
            logPut(newDocument);
        }

        @Override
        protected void removeDocument(Integer position) {
            Object id = getDocument(position).get(getIdField());
            super.removeDocument(position);
            if (logged(getCollectionName())) {
                journal(Journal.delete(getDatabaseName(), getCollectionName(), id));
            }
        }

        private void logPut(Document document) {
            if (logged(getCollectionName())) {
                journal(Journal.put(getDatabaseName(), getCollectionName(), document));
            }
        }

        /** Puts a document from the log in place of the one with its {@code _id}. */
        void replace(Document document) {
            removeById(document.get(getIdField()));
            addDocument(document);
        }

        void removeById(Object id) {
            Document byId = new Document(getIdField(), id);
            for (Index<Integer> index : getIndexes()) {
                if (index.canHandle(byId)) {
                    for (Integer position : index.getPositions(byId)) {
                        removeDocument(getDocument(position));
                    }
                    return;
                }
            }
        }

        @Override
        protected QueryResult queryDocuments(
                Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
            Document byId = idCondition(query);
            Document rest = query;
            if (byId != null && query.containsKey(getIdField()) && foundExactly(byId.get(getIdField()))) {
                // The _id index finds exactly these documents: matching each again with every value of an $in (as
                // the library does, one comparison per pair) is left out.
                rest = new Document(query);
                rest.remove(getIdField());
            }
            if (byId != null && (rest != query || !byId.equals(query))) {
                for (Index<Integer> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        List<Integer> positions = EqualityIndex.inCollectionOrder(index.getPositions(byId));
                        return matchDocuments(rest, positions, orderBy, skip, limit, batchSize, fieldSelector);
                    }
                }
            }
            Document clauses = andClauses(query);
            if (clauses != null) {
                for (Index<Integer> index : getIndexes()) {
                    if (index.canHandle(clauses)) {
                        List<Integer> positions = EqualityIndex.inCollectionOrder(index.getPositions(clauses));
                        return matchDocuments(query, positions, orderBy, skip, limit, batchSize, fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        /**
         * The field conditions of the query's top-level {@code $and} (the first for a field named twice), for an index
         * to find candidates with, as MongoDB's planner takes index bounds from each clause; null when no index answers
         * the query's top level already or there is no {@code $and}. Every candidate is matched with the whole query.
         */
        private Document andClauses(Document query) {
            if (!(query.get("$and") instanceof List<?> clauses)
                    || getIndexes().stream().anyMatch(index -> index.canHandle(query))) {
                return null;
            }
            Document conditions = new Document();
            for (Object clause : clauses) {
                if (clause instanceof Document condition) {
                    condition.forEach((field, value) -> {
                        if (!field.startsWith("$") && !conditions.containsKey(field)) {
                            conditions.put(field, value);
                        }
                    });
                }
            }
            return conditions;
        }

        /**
         * Whether the unique index's answer for this {@code _id} condition is exactly what matching it would answer: an
         * id, or an {@code $in} of ids, that are strings or ObjectIds (compared by value alike both ways).
         */
        private static boolean foundExactly(Object condition) {
            return EqualityIndex.equalityOrIn(condition, IndexedCollection::plainId);
        }

        private static boolean plainId(Object id) {
            return id instanceof String || id instanceof ObjectId;
        }

        /**
         * The library keeps each collection's data size by encoding a document to BSON before and after every change
         * (most of the cost of an update to a large document), for collStats only; the services never ask for it.
         */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        /** What an aggregation reads: what its leading {@code $match} finds, which the pipeline then matches again. */
        @Override
        public Stream<Document> queryAllAsStream() {
            Aggregating aggregating = AGGREGATING.get();
            if (aggregating != null && aggregating.collection().equals(getFullName())) {
                return handleQueryAsStream(aggregating.match());
            }
            return super.queryAllAsStream();
        }

        /** The query's condition on {@code _id}, at its top level or in a top-level {@code $and}; else null. */
        private Document idCondition(Document query) {
            String id = getIdField();
            if (query.containsKey(id)) {
                return new Document(id, query.get(id));
            }
            if (query.get("$and") instanceof List<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document condition && condition.containsKey(id)) {
                        return new Document(id, condition.get(id));
                    }
                }
            }
            return null;
        }
    }
}
