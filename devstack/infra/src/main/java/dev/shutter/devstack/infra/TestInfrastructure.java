package dev.shutter.devstack.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The servers tests share: each started on first use, once per JVM, and stopped when the JVM exits. Tests that need a
 * clean slate take a {@link Postgres#freshDatabase fresh database}, unique queue and exchange names, and unique Mongo
 * database names or buckets.
 */
public final class TestInfrastructure {

    private static final Deque<AutoCloseable> STARTED = new ArrayDeque<>();
    private static boolean hookInstalled;

    private static Postgres postgres;
    private static AmqpBroker amqp;
    private static Mongo mongo;
    private static ObjectStorage objectStorage;
    private static JwtKeys jwtKeys;

    private TestInfrastructure() {}

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = started(() -> Postgres.start(null));
        }
        return postgres;
    }

    public static synchronized AmqpBroker amqp() {
        if (amqp == null) {
            amqp = started(() -> AmqpBroker.start(null));
        }
        return amqp;
    }

    public static synchronized Mongo mongo() {
        if (mongo == null) {
            mongo = started(() -> Mongo.start(null));
        }
        return mongo;
    }

    public static synchronized ObjectStorage objectStorage() {
        if (objectStorage == null) {
            objectStorage = started(() -> ObjectStorage.start(null));
        }
        return objectStorage;
    }

    /** A key pair written to a temporary directory, so services can read {@link JwtKeys#publicKeyFile()}. */
    public static synchronized JwtKeys jwtKeys() {
        if (jwtKeys == null) {
            try {
                var dir = Files.createTempDirectory("shutter-jwt-");
                dir.toFile().deleteOnExit();
                JwtKeys keys = JwtKeys.generate();
                keys.writeTo(dir);
                keys.publicKeyFile().toFile().deleteOnExit();
                keys.privateKeyFile().toFile().deleteOnExit();
                jwtKeys = keys;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a directory for the test keys", e);
            }
        }
        return jwtKeys;
    }

    private static <T extends AutoCloseable> T started(Supplier<T> start) {
        T server = start.get();
        STARTED.push(server);
        if (!hookInstalled) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(TestInfrastructure::stopAll, "shutter-test-infrastructure-stop"));
            hookInstalled = true;
        }
        return server;
    }

    private static void stopAll() {
        Deque<AutoCloseable> toStop;
        synchronized (TestInfrastructure.class) {
            toStop = new ArrayDeque<>(STARTED);
            STARTED.clear();
        }
        for (AutoCloseable server : toStop) {
            try {
                server.close();
            } catch (Exception e) {
                // the JVM is exiting; one server failing to stop must not keep the others running
            }
        }
    }
}
