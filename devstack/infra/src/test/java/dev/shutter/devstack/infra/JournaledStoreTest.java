package dev.shutter.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journaled store keeps every acknowledged write of a server that is never closed (as when its process is
 * killed), and answers through its indexes after the restart as before.
 */
class JournaledStoreTest {

    @TempDir
    Path dir;

    @Test
    void keepsEveryAcknowledgedWriteOfAServerThatWasNeverClosed() {
        Map<String, List<Document>> before;
        MongoServer killed = start();
        try (MongoClient client = client(killed)) {
            MongoDatabase posts = client.getDatabase("posts");
            posts.getCollection("posts_g1").createIndex(Indexes.ascending("authorId"));
            for (int i = 0; i < 50; i++) {
                posts.getCollection("posts_g1")
                        .insertOne(new Document("_id", "p" + i)
                                .append("authorId", "u" + (i % 5))
                                .append("likes", 0));
            }
            posts.getCollection("posts_g1").updateMany(Filters.eq("authorId", "u1"), Updates.inc("likes", 3));
            posts.getCollection("posts_g1").deleteMany(Filters.eq("authorId", "u2"));
            posts.getCollection("posts_g1")
                    .updateOne(
                            Filters.eq("_id", "p99"), Updates.set("authorId", "u7"), new UpdateOptions().upsert(true));
            posts.getCollection("posts_g1").findOneAndUpdate(Filters.eq("_id", "p0"), Updates.set("caption", "edited"));
            posts.getCollection("posts_g0").insertOne(new Document("_id", "old"));
            posts.getCollection("posts_g0").drop();
            client.getDatabase("scratch").getCollection("things").insertOne(new Document("_id", 1));
            client.getDatabase("scratch").drop();
            before = dump(client);
        }
        // No close: the process is gone without a word, its log as it was after the last acknowledged write.
        killed.shutdownNow();

        MongoServer restarted = start();
        try (MongoClient client = client(restarted)) {
            assertThat(dump(client)).isEqualTo(before);
            assertThat(client.getDatabase("posts")
                            .getCollection("posts_g1")
                            .find(Filters.eq("authorId", "u1"))
                            .into(new ArrayList<>()))
                    .extracting(document -> document.getInteger("likes"))
                    .containsOnly(3)
                    .hasSize(10);
            assertThat(client.getDatabase("posts").listCollectionNames().into(new ArrayList<>()))
                    .doesNotContain("posts_g0");
            assertThat(client.listDatabaseNames().into(new ArrayList<>())).doesNotContain("scratch");
        } finally {
            restarted.shutdownNow();
        }
    }

    @Test
    void restoresUniqueIndexes() {
        MongoServer killed = start();
        try (MongoClient client = client(killed)) {
            var accounts = client.getDatabase("profiles").getCollection("users_g1");
            accounts.createIndex(Indexes.ascending("usernameLower"), new IndexOptions().unique(true));
            accounts.insertOne(new Document("_id", "u1").append("usernameLower", "ada"));
        }
        killed.shutdownNow();

        MongoServer restarted = start();
        try (MongoClient client = client(restarted)) {
            var accounts = client.getDatabase("profiles").getCollection("users_g1");
            assertThatThrownBy(() -> accounts.insertOne(new Document("_id", "u2").append("usernameLower", "ada")))
                    .isInstanceOf(MongoWriteException.class);
        } finally {
            restarted.shutdownNow();
        }
    }

    @Test
    void endsTheLogBeforeARecordCutShortByTheKill() throws IOException {
        MongoServer killed = start();
        try (MongoClient client = client(killed)) {
            client.getDatabase("push").getCollection("devices").insertOne(new Document("_id", "d1"));
        }
        killed.shutdownNow();
        Files.write(log(), new byte[] {42, 0, 0, 0, 3, 'x'}, StandardOpenOption.APPEND);

        MongoServer restarted = start();
        try (MongoClient client = client(restarted)) {
            assertThat(client.getDatabase("push").getCollection("devices").countDocuments())
                    .isEqualTo(1);
            client.getDatabase("push").getCollection("devices").insertOne(new Document("_id", "d2"));
        } finally {
            restarted.shutdownNow();
        }
        MongoServer again = start();
        try (MongoClient client = client(again)) {
            assertThat(client.getDatabase("push").getCollection("devices").countDocuments())
                    .isEqualTo(2);
        } finally {
            again.shutdownNow();
        }
    }

    @Test
    void startsFromASnapshotOfWhatTheLogLeft() throws IOException {
        MongoServer first = start();
        try (MongoClient client = client(first)) {
            var counters = client.getDatabase("timelines").getCollection("counters");
            for (int i = 0; i < 500; i++) {
                counters.updateOne(Filters.eq("_id", "c"), Updates.inc("n", 1), new UpdateOptions().upsert(true));
            }
        }
        first.shutdownNow();
        long grown = Files.size(log());

        MongoServer second = start();
        second.shutdownNow();

        assertThat(Files.size(log())).isLessThan(grown / 100);
    }

    private MongoServer start() {
        MongoServer server = new MongoServer(IndexedMemoryBackend.journaled(log()));
        server.bind("127.0.0.1", 0);
        return server;
    }

    private Path log() {
        return dir.resolve("mongo.journal");
    }

    private static MongoClient client(MongoServer server) {
        return MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    /** Every document of every database, by database and collection. */
    private static Map<String, List<Document>> dump(MongoClient client) {
        Map<String, List<Document>> all = new TreeMap<>();
        for (String database : client.listDatabaseNames()) {
            for (String collection : client.getDatabase(database).listCollectionNames()) {
                if (!collection.startsWith("system.")) {
                    all.put(
                            database + "." + collection,
                            client.getDatabase(database)
                                    .getCollection(collection)
                                    .find()
                                    .sort(Indexes.ascending("_id"))
                                    .into(new ArrayList<>()));
                }
            }
        }
        return all;
    }
}
