package dev.shutter.bench.push;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.shutter.devstack.infra.TestInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/**
 * Writes push-dispatcher's read model straight into MongoDB, as its event handlers would have built it: one author,
 * {@code followers} users following them, every follower with one device and every second one with two (one
 * {@code devices} document per device).
 */
final class Seeder {

    private static final int CHUNK = 5_000;

    private Seeder() {}

    record Seeded(String authorId, int devices, double seconds) {}

    static Seeded seed(String database, int followers) {
        long start = System.nanoTime();
        try (MongoClient client = MongoClients.create(TestInfrastructure.mongo().uri())) {
            MongoDatabase push = client.getDatabase(database);
            String authorId = "author-" + UUID.randomUUID();
            push.getCollection("users")
                    .insertOne(new Document("_id", authorId)
                            .append("username", "celebrity")
                            .append("seq", 0L));
            MongoCollection<Document> users = push.getCollection("users");
            MongoCollection<Document> follows = push.getCollection("follows");
            MongoCollection<Document> devices = push.getCollection("devices");
            List<Document> userChunk = new ArrayList<>();
            List<Document> followChunk = new ArrayList<>();
            List<Document> deviceChunk = new ArrayList<>();
            int deviceCount = 0;
            for (int i = 0; i < followers; i++) {
                String followerId = "follower-" + i;
                userChunk.add(new Document("_id", followerId)
                        .append("username", "fan" + i)
                        .append("seq", 2L));
                followChunk.add(new Document("_id", followerId + ":" + authorId)
                        .append("followerId", followerId)
                        .append("followeeId", authorId)
                        .append("active", true)
                        .append("seq", 0L));
                List<Document> own = new ArrayList<>();
                own.add(device(followerId, "phone", i));
                if (i % 2 == 0) {
                    own.add(device(followerId, "tablet", i));
                }
                deviceChunk.addAll(own);
                deviceCount += own.size();
                if (userChunk.size() == CHUNK) {
                    flush(users, userChunk);
                    flush(follows, followChunk);
                    flush(devices, deviceChunk);
                }
            }
            flush(users, userChunk);
            flush(follows, followChunk);
            flush(devices, deviceChunk);
            return new Seeded(authorId, deviceCount, (System.nanoTime() - start) / 1e9);
        }
    }

    static void drop(String database) {
        try (MongoClient client = MongoClients.create(TestInfrastructure.mongo().uri())) {
            client.getDatabase(database).drop();
        }
    }

    private static Document device(String userId, String kind, int i) {
        return new Document("_id", kind + "-" + i + "-" + UUID.randomUUID())
                .append("userId", userId)
                .append("platform", i % 3 == 0 ? "ios" : "android");
    }

    private static void flush(MongoCollection<Document> collection, List<Document> chunk) {
        if (!chunk.isEmpty()) {
            collection.insertMany(chunk);
            chunk.clear();
        }
    }
}
