package dev.shutter.devstack.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A MongoDB: the one configured by {@code SHUTTER_MONGODB_URI}, else an in-process server speaking the wire protocol. */
public final class Mongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Mongo.class);
    private static final String JOURNAL = "mongo.journal";

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

    /**
     * The store devstack keeps across runs: in memory, answering through the indexes the services declare, with every
     * acknowledged write in a log that is replayed at the next start ({@link IndexedMemoryBackend#journaled}).
     */
    private static MongoBackend fileBackend(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dataDir, e);
        }
        if (Files.exists(dataDir.resolve("mongo.mv")) && !Files.exists(dataDir.resolve(JOURNAL))) {
            log.warn(
                    "{} holds read models of an earlier file store, which is no longer read: rebuild the views"
                            + " (POST /api/admin/views/{{view}}/rebuild) or start with --clean",
                    dataDir.resolve("mongo.mv"));
        }
        return IndexedMemoryBackend.journaled(dataDir.resolve(JOURNAL));
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
            // the server leaves its backend open; closing it closes the log
            server.shutdownNow();
            backend.close();
        }
    }
}
