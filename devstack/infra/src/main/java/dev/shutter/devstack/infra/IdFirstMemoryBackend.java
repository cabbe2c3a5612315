package dev.shutter.devstack.infra;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * mongo-java-server's in-memory store, which finds documents by their {@code _id} first whenever a query names it.
 *
 * <p>The library uses an index only when the query's fields are exactly the index's, so a query on {@code _id} and
 * something else ({@code {_id: id, seq: {$lt: n}}}, how the read models skip events they have seen) reads every
 * document of the collection. Here such a query, or one whose top-level {@code $and} holds a condition on {@code _id},
 * looks the {@code _id} up in its index and matches the whole query on what it found, as MongoDB's planner does with
 * the {@code _id} index: the same documents, without the scan.
 */
public final class IdFirstMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
            @Override
            protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                return new IdFirstCollection(this, collectionName, options, cursorRegistry);
            }
        };
    }

    private static final class IdFirstCollection extends MemoryCollection {

        IdFirstCollection(
                MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursorRegistry) {
            super(database, name, options, cursorRegistry);
        }

        @Override
        protected QueryResult queryDocuments(
                Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
            Document byId = idCondition(query);
            if (byId != null && !byId.equals(query)) {
                for (Index<Integer> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        return matchDocuments(
                                query, index.getPositions(byId), orderBy, skip, limit, batchSize, fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
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
