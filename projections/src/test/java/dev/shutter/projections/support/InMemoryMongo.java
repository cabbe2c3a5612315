package dev.shutter.projections.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * An in-process MongoDB stand-in for projection tests. Register it with {@code @RegisterExtension} on a static field
 * and it stops after the test class.
 */
public final class InMemoryMongo implements AutoCloseable, AfterAllCallback {

    private final MongoServer server;
    private final MongoClient client;

    public InMemoryMongo() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    public String uri() {
        InetSocketAddress address = server.getLocalAddress();
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    public MongoTemplate template(String database) {
        return new MongoTemplate(client, database);
    }

    public void dropDatabase(String database) {
        client.getDatabase(database).drop();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
