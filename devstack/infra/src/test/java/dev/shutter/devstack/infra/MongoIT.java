package dev.shutter.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoIT {

    @Test
    void inMemoryServerStoresAndFindsDocumentsOnTheLoopbackInterface() {
        try (Mongo mongo = Forced.embedded(() -> Mongo.start(null))) {
            assertThat(mongo.embedded()).isTrue();
            assertThat(mongo.uri()).matches("mongodb://127\\.0\\.0\\.1:\\d+");
            try (MongoClient client = MongoClients.create(mongo.uri())) {
                var users = client.getDatabase("profiles").getCollection("users_g1");
                users.createIndex(Indexes.ascending("usernameLower"));
                users.insertOne(new Document("_id", "u1").append("usernameLower", "ada"));

                assertThat(users.find(Filters.eq("usernameLower", "ada")).first())
                        .containsEntry("_id", "u1");
            }
        }
    }

    @Test
    void serverWithDataDirectoryKeepsDocumentsAcrossRestart(@TempDir Path dataDir) {
        try (Mongo mongo = Forced.embedded(() -> Mongo.start(dataDir))) {
            try (MongoClient client = MongoClients.create(mongo.uri())) {
                client.getDatabase("posts").getCollection("posts_g1").insertOne(new Document("_id", "p1"));
            }
        }
        try (Mongo restarted = Forced.embedded(() -> Mongo.start(dataDir))) {
            try (MongoClient client = MongoClients.create(restarted.uri())) {
                assertThat(client.getDatabase("posts").getCollection("posts_g1").countDocuments())
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void serverWithoutDataDirectoryStartsEmpty() {
        try (Mongo first = Forced.embedded(() -> Mongo.start(null))) {
            try (MongoClient client = MongoClients.create(first.uri())) {
                client.getDatabase("posts").getCollection("posts_g1").insertOne(new Document("_id", "p1"));
            }
        }
        try (Mongo second = Forced.embedded(() -> Mongo.start(null))) {
            try (MongoClient client = MongoClients.create(second.uri())) {
                assertThat(client.getDatabase("posts").getCollection("posts_g1").countDocuments())
                        .isZero();
            }
        }
    }
}
