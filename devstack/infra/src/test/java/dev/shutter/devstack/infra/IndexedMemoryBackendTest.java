package dev.shutter.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

/** The indexed store must answer exactly as the library's own store, which reads every document for these queries. */
class IndexedMemoryBackendTest {

    private static final List<Bson> FILTERS = List.of(
            Document.parse("{_id: 'f3', seq: {$lt: 5}}"),
            Document.parse("{_id: 'f3', seq: {$lt: 3}}"),
            Document.parse("{_id: 'f3', $or: [{tags: 'a'}, {tags: 'z'}]}"),
            Document.parse("{_id: 'f4', $or: [{tags: 'a'}, {tags: 'z'}]}"),
            Document.parse("{_id: {$in: ['f1', 'f2', 'f3', 'f9']}, active: true}"),
            Document.parse("{_id: {$gte: 'f2'}, active: false}"),
            Document.parse("{_id: 'nobody', active: true}"),
            Filters.and(Filters.eq("_id", "f2"), Filters.eq("active", true)),
            Document.parse("{_id: {$in: ['f4', 'f1', 'f9', 'f1']}}"),
            Document.parse("{_id: {$in: []}}"),
            Document.parse("{_id: {$in: ['f2', 3]}, active: false}"),
            Document.parse("{_id: 'f2'}"),
            Document.parse("{followeeId: 'u1', active: true}"),
            Document.parse("{followeeId: 'u1', active: true, seq: {$gt: 2}}"),
            Document.parse("{followeeId: 'u2', active: false}"),
            Document.parse("{followeeId: 'u1'}"),
            Document.parse("{followerId: 'u9'}"),
            Document.parse("{followerId: 'u9', weight: 1}"),
            Document.parse("{followerId: 'u9', weight: 1.0}"),
            Document.parse("{tags: 'a'}"),
            Document.parse("{tags: 'c'}"),
            Document.parse("{tags: ['a', 'b']}"),
            Document.parse("{tags: null}"),
            Document.parse("{'origin.app': 'ios'}"),
            Document.parse("{followeeId: {$in: ['u1', 'u2']}, active: true}"),
            Filters.and(Filters.eq("active", true), Filters.lt("seq", 4)),
            Document.parse("{followerId: {$in: ['u9', 'u7', 'u0']}}"),
            Document.parse("{tags: {$in: ['a', 'b']}}"),
            Document.parse("{followerId: {$in: []}}"),
            Document.parse("{followerId: {$in: ['u9', null]}}"),
            Filters.and(
                    Filters.in("followeeId", "u1", "u3"),
                    Filters.eq("active", true),
                    Filters.or(Filters.lt("seq", 3), Filters.eq("tags", "z"))),
            Filters.and(Filters.eq("followerId", "u9"), Filters.gte("seq", 2)),
            Document.parse("{$and: [{followerId: 'u9'}, {followerId: 'u7'}]}"));

    @Test
    void findsWhatTheLibrarysOwnStoreFinds() {
        List<List<Document>> expected = withFollows(new MemoryBackend(), IndexedMemoryBackendTest::changedAndQueried);
        List<List<Document>> actual =
                withFollows(new IndexedMemoryBackend(), IndexedMemoryBackendTest::changedAndQueried);

        assertThat(actual).isEqualTo(expected);
        assertThat(ids(actual.get(0))).containsExactly("f3");
        assertThat(actual.get(2)).isEmpty();
        assertThat(ids(actual.get(8))).containsExactly("f1", "f3");
        assertThat(ids(actual.get(16))).containsExactly("f1", "f4");
        assertThat(actual.get(18)).isEmpty();
        assertThat(ids(actual.get(20))).containsExactly("f2");
        assertThat(ids(actual.get(22))).containsExactly("f2");
        assertThat(ids(actual.get(24))).containsExactly("f1", "f3");
        assertThat(actual.get(25)).containsExactly(new Document("count", 2L));
        assertThat(ids(actual.get(38))).containsExactly("f1", "f2");
        // An index answers for a condition in the top-level $and.
        assertThat(ids(actual.get(60))).containsExactly("f1");
        assertThat(ids(actual.get(62))).containsExactly("f1");
        assertThat(actual.get(64)).isEmpty();
        assertThat(ids(actual.get(36))).containsExactly("f4");
    }

    @Test
    void appliesAnEventOnlyToADocumentThatSawOlderOnes() {
        withFollows(new IndexedMemoryBackend(), follows -> {
            // How the read models apply an event with sequence number 4 to the document of its aggregate.
            Bson olderThanFour = Document.parse("{_id: 'f3', seq: {$lt: 4}}");
            var applied = follows.updateOne(olderThanFour, Updates.set("seq", 4), new UpdateOptions().upsert(true));
            assertThat(applied.getMatchedCount()).isOne();

            assertThatThrownBy(() ->
                            follows.updateOne(olderThanFour, Updates.set("seq", 4), new UpdateOptions().upsert(true)))
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
            var created = follows.updateOne(
                    Document.parse("{_id: 'f7', seq: {$lt: 1}}"),
                    Updates.set("seq", 1),
                    new UpdateOptions().upsert(true));
            assertThat(created.getUpsertedId()).isNotNull();
            return null;
        });
    }

    /** Every filter, a few changes to indexed fields, every filter again: the same steps on either store. */
    private static List<List<Document>> changedAndQueried(MongoCollection<Document> follows) {
        List<List<Document>> results = new ArrayList<>(everyFilter(follows));
        follows.updateOne(Filters.eq("_id", "f2"), Updates.set("followeeId", "u1"));
        follows.updateOne(Filters.eq("_id", "f3"), Updates.set("active", false));
        follows.updateOne(Filters.eq("_id", "f1"), Updates.addToSet("tags", "c"));
        follows.deleteMany(Document.parse("{followerId: 'u9', weight: 1}"));
        follows.deleteOne(Filters.eq("_id", "f3")); // tags: [], no value for the index on tags
        follows.insertOne(Document.parse("{_id: 'f5', followerId: 'u9', followeeId: 'u1', active: true, seq: 1}"));
        results.addAll(everyFilter(follows));
        return results;
    }

    private static List<List<Document>> everyFilter(MongoCollection<Document> follows) {
        List<List<Document>> results = new ArrayList<>();
        for (Bson filter : FILTERS) {
            // No sort: the documents come in the collection's own order either way.
            results.add(follows.find(filter).into(new ArrayList<>()));
            results.add(List.of(new Document("count", follows.countDocuments(filter))));
        }
        results.add(follows.aggregate(List.of(
                        Aggregates.match(Filters.eq("followerId", "u9")),
                        Aggregates.lookup("follows", "followeeId", "followerId", "followersOfFollowee"),
                        Aggregates.sort(Sorts.ascending("_id"))))
                .into(new ArrayList<>()));
        return results;
    }

    private static <T> T withFollows(MongoBackend backend, Function<MongoCollection<Document>, T> work) {
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> follows = client.getDatabase("social").getCollection("follows");
            follows.createIndex(Indexes.ascending("followeeId", "active"));
            follows.createIndex(Indexes.ascending("followerId"));
            follows.createIndex(Indexes.ascending("tags"));
            follows.createIndex(Indexes.ascending("origin.app"));
            follows.insertMany(List.of(
                    Document.parse("{_id: 'f1', followerId: 'u9', followeeId: 'u1', active: true, seq: 2,"
                            + " tags: ['a', 'b'], origin: {app: 'ios'}}"),
                    Document.parse(
                            "{_id: 'f2', followerId: 'u8', followeeId: 'u2', active: false, seq: 7," + " tags: ['a']}"),
                    Document.parse("{_id: 'f3', followerId: 'u7', followeeId: 'u1', active: true, seq: 3,"
                            + " tags: [], origin: {app: 'web'}}"),
                    Document.parse("{_id: 'f4', followerId: 'u9', followeeId: 'u3', active: false, seq: 1,"
                            + " weight: {$numberLong: '1'}}")));
            return work.apply(follows);
        } finally {
            server.shutdownNow();
        }
    }

    private static List<Object> ids(List<Document> documents) {
        return documents.stream().map(document -> document.get("_id")).toList();
    }
}
