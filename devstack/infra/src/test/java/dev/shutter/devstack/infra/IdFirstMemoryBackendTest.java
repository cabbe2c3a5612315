package dev.shutter.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
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

class IdFirstMemoryBackendTest {

    private static final List<Bson> FILTERS = List.of(
            Document.parse("{_id: 'u3', seq: {$lt: 5}}"),
            Document.parse("{_id: 'u3', seq: {$lt: 3}}"),
            Document.parse("{_id: 'u3', $or: [{blocked: 'u1'}, {blockedBy: 'u1'}]}"),
            Document.parse("{_id: 'u4', $or: [{blocked: 'u1'}, {blockedBy: 'u1'}]}"),
            Document.parse("{_id: {$in: ['u1', 'u2', 'u3', 'u9']}, active: true}"),
            Document.parse("{_id: {$gte: 'u2'}, active: false}"),
            Document.parse("{_id: 'nobody', active: true}"),
            Filters.and(Filters.eq("_id", "u2"), Filters.eq("active", true)),
            Filters.and(Filters.eq("active", true), Filters.lt("seq", 4)),
            Document.parse("{active: true}"));

    @Test
    void findsWhatTheLibrarysOwnStoreFinds() {
        List<List<Document>> expected = withSeededUsers(new MemoryBackend(), this::everyFilter);
        List<List<Document>> actual = withSeededUsers(new IdFirstMemoryBackend(), this::everyFilter);

        assertThat(actual).isEqualTo(expected);
        assertThat(actual.get(0)).extracting(user -> user.get("_id")).containsExactly("u3");
        assertThat(actual.get(1)).isEmpty();
        assertThat(actual.get(4)).extracting(user -> user.get("_id")).containsExactly("u1", "u3");
    }

    @Test
    void appliesAnEventOnlyToADocumentThatSawOlderOnes() {
        withSeededUsers(new IdFirstMemoryBackend(), users -> {
            // How the read models apply an event with sequence number 4 to the document of its aggregate.
            Bson olderThanFour = Document.parse("{_id: 'u3', seq: {$lt: 4}}");
            var applied = users.updateOne(olderThanFour, Updates.set("seq", 4), new UpdateOptions().upsert(true));
            assertThat(applied.getMatchedCount()).isOne();

            assertThatThrownBy(() ->
                            users.updateOne(olderThanFour, Updates.set("seq", 4), new UpdateOptions().upsert(true)))
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
            var newUser = users.updateOne(
                    Document.parse("{_id: 'u7', seq: {$lt: 1}}"),
                    Updates.set("seq", 1),
                    new UpdateOptions().upsert(true));
            assertThat(newUser.getUpsertedId()).isNotNull();

            assertThat(users.deleteMany(Document.parse("{_id: {$in: ['u1', 'u2']}, active: true}"))
                            .getDeletedCount())
                    .isOne();
            assertThat(users.find().sort(Sorts.ascending("_id")).map(user -> user.getString("_id")))
                    .containsExactly("u2", "u3", "u4", "u7");
            return null;
        });
    }

    private List<List<Document>> everyFilter(MongoCollection<Document> users) {
        List<List<Document>> results = new ArrayList<>();
        for (Bson filter : FILTERS) {
            results.add(users.find(filter).sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        }
        return results;
    }

    private static <T> T withSeededUsers(MongoBackend backend, Function<MongoCollection<Document>, T> work) {
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> users = client.getDatabase("social").getCollection("users");
            users.insertMany(List.of(
                    Document.parse("{_id: 'u1', seq: 2, active: true, blocked: ['u3']}"),
                    Document.parse("{_id: 'u2', seq: 7, active: false}"),
                    Document.parse("{_id: 'u3', seq: 3, active: true, blockedBy: ['u1']}"),
                    Document.parse("{_id: 'u4', seq: 1, active: false}")));
            return work.apply(users);
        } finally {
            server.shutdownNow();
        }
    }
}
