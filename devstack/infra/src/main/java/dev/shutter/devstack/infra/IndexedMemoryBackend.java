package dev.shutter.devstack.infra;

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
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

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
 *       first field: a user's follows, likes, posts or notifications;
 *   <li>an aggregation that begins with {@code $match} (what a driver's {@code countDocuments} sends) reads only what
 *       that {@code $match} finds with those indexes.
 * </ul>
 *
 * Whatever an index finds is then matched against the whole query, so the answers are the library's own.
 */
final class IndexedMemoryBackend extends MemoryBackend {

    /**
     * Stages that read or write another collection, or hold pipelines that may: an aggregation with one is left to
     * read everything.
     */
    private static final Set<String> OTHER_COLLECTIONS =
            Set.of("$lookup", "$graphLookup", "$unionWith", "$facet", "$changeStream", "$merge", "$out");

    /** The aggregation this thread is running, while the database runs it. */
    private static final ThreadLocal<Aggregating> AGGREGATING = new ThreadLocal<>();

    private record Aggregating(String collection, Document match) {}

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedDatabase(databaseName, getCursorRegistry());
    }

    private static final class IndexedDatabase extends MemoryDatabase {

        IndexedDatabase(String name, CursorRegistry cursorRegistry) {
            super(name, cursorRegistry);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new IndexedCollection(this, collectionName, options, cursorRegistry);
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

    private static final class IndexedCollection extends MemoryCollection {

        IndexedCollection(
                MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursorRegistry) {
            super(database, name, options, cursorRegistry);
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
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
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
