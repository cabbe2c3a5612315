package dev.shutter.devstack.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** A MongoDB: the one configured by {@code SHUTTER_MONGODB_URI}, else an in-process server speaking the wire protocol. */
public final class Mongo implements AutoCloseable {

    private final String uri;
    private final MongoServer server;
    private final MongoBackend backend;

    private Mongo(String uri, MongoServer server, MongoBackend backend) {
        this.uri = uri;
        this.server = server;
        this.backend = backend;
    }

    /**
     * Uses a configured MongoDB, else starts an in-process one on 127.0.0.1.
     *
     * @param dataDir where the in-process server keeps its data across runs; {@code null} keeps it in memory
     */
    public static Mongo start(Path dataDir) {
        if (!Reachability.embeddedForced()) {
            var configured = Reachability.env("SHUTTER_MONGODB_URI");
            if (configured.isPresent()) {
                return new Mongo(configured.get(), null, null);
            }
        }
        MongoBackend backend = dataDir == null ? new IndexedMemoryBackend() : fileBackend(dataDir);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        return new Mongo("mongodb://127.0.0.1:" + address.getPort(), server, backend);
    }

    private static MongoBackend fileBackend(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dataDir, e);
        }
        return new H2Backend(dataDir.resolve("mongo.mv").toAbsolutePath().toString());
    }

    /** The connection string, e.g. {@code mongodb://127.0.0.1:40123}. */
    public String uri() {
        return uri;
    }

    /** Whether this server runs inside this process (as opposed to a configured one). */
    public boolean embedded() {
        return server != null;
    }

    @Override
    public void close() {
        if (server != null) {
            // the server leaves its backend open; closing it is what writes an H2 file to disk
            server.shutdownNow();
            backend.close();
        }
    }
}
