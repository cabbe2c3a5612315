package dev.shutter.devstack.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.store.derby.DerbyUtils;

/**
 * An AMQP 0-9-1 broker: the RabbitMQ configured by {@code SHUTTER_RABBITMQ_HOST}, the one answering on 127.0.0.1:5672,
 * or an embedded Apache Qpid Broker-J.
 */
public final class AmqpBroker implements AutoCloseable {

    private static final String GUEST = "guest";
    private static final String DEFAULT_VIRTUAL_HOST = "/";

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String virtualHost;
    private final SystemLauncher embedded;
    private final Path throwawayWorkDir;

    private AmqpBroker(
            String host,
            int port,
            String username,
            String password,
            String virtualHost,
            SystemLauncher embedded,
            Path throwawayWorkDir) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.virtualHost = virtualHost;
        this.embedded = embedded;
        this.throwawayWorkDir = throwawayWorkDir;
    }

    /**
     * Uses a configured or locally running RabbitMQ, else starts an embedded broker.
     *
     * @param dataDir where the embedded broker keeps durable queues and persistent messages across runs; {@code null}
     *     keeps them in memory
     */
    public static AmqpBroker start(Path dataDir) {
        if (!Reachability.embeddedForced()) {
            var configured = Reachability.env("SHUTTER_RABBITMQ_HOST");
            if (configured.isPresent()) {
                return new AmqpBroker(
                        configured.get(),
                        Reachability.env("SHUTTER_RABBITMQ_PORT")
                                .map(Integer::parseInt)
                                .orElse(5672),
                        Reachability.env("SHUTTER_RABBITMQ_USER").orElse(GUEST),
                        Reachability.env("SHUTTER_RABBITMQ_PASSWORD").orElse(GUEST),
                        Reachability.env("SHUTTER_RABBITMQ_VHOST").orElse(DEFAULT_VIRTUAL_HOST),
                        null,
                        null);
            }
            if (Reachability.answersOnLoopback(5672)) {
                return new AmqpBroker("127.0.0.1", 5672, GUEST, GUEST, DEFAULT_VIRTUAL_HOST, null, null);
            }
        }
        return startEmbedded(dataDir);
    }

    private static AmqpBroker startEmbedded(Path dataDir) {
        try {
            Path workDir = dataDir == null ? Files.createTempDirectory("shutter-amqp-") : dataDir;
            Files.createDirectories(workDir);
            Path initialConfig = workDir.resolve("initial-config.json");
            new ObjectMapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValue(initialConfig.toFile(), brokerConfig(dataDir != null));

            // Derby boots when the broker looks for its store types and would then write derby.log into the working
            // directory; this sends its log to the DERBY logger instead (unless derby.stream.error.method is set)
            DerbyUtils.configureDerbyLogging();
            var started = new StartedBroker();
            SystemLauncher launcher = new SystemLauncher(started);
            Map<String, Object> attributes = new HashMap<>();
            attributes.put(SystemConfig.TYPE, "Memory");
            attributes.put(
                    SystemConfig.INITIAL_CONFIGURATION_LOCATION,
                    initialConfig.toUri().toString());
            // Qpid's default is a "classpath:" URL, whose handler the JDK cannot load from inside an executable jar.
            Path systemProperties = workDir.resolve("system.properties");
            if (Files.notExists(systemProperties)) {
                Files.writeString(systemProperties, "# Qpid Broker-J system properties for the embedded broker\n");
            }
            attributes.put(
                    SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION,
                    systemProperties.toUri().toString());
            attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
            attributes.put(
                    SystemConfig.CONTEXT,
                    Map.of(SystemConfig.QPID_WORK_DIR, workDir.toAbsolutePath().toString()));
            try {
                launcher.startup(attributes);
            } catch (Exception e) {
                launcher.shutdown();
                if (dataDir == null) {
                    Directories.deleteQuietly(workDir);
                }
                throw new IllegalStateException("Embedded AMQP broker did not start", e);
            }
            return new AmqpBroker(
                    "127.0.0.1",
                    started.amqpPort(),
                    GUEST,
                    GUEST,
                    DEFAULT_VIRTUAL_HOST,
                    launcher,
                    dataDir == null ? workDir : null);
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded AMQP broker could not prepare its work directory", e);
        }
    }

    /**
     * The broker's initial configuration. Clients that ask for the virtual host {@code /}, as RabbitMQ clients do by
     * default, land on the default virtual host node through the port's {@code defaultAlias}.
     */
    private static Map<String, Object> brokerConfig(boolean persistent) {
        Map<String, Object> node = new HashMap<>();
        node.put("name", "default");
        node.put("defaultVirtualHostNode", "true");
        if (persistent) {
            node.put("type", "DERBY");
            node.put("storePath", "${qpid.work_dir}${file.separator}default${file.separator}store");
            node.put("virtualHostInitialConfiguration", "{\"type\":\"ProvidedStore\"}");
        } else {
            node.put("type", "Memory");
            node.put("virtualHostInitialConfiguration", "{\"type\":\"Memory\"}");
        }
        return Map.of(
                "name",
                "shutter",
                "modelVersion",
                "8.0",
                "context",
                Map.of(
                        // RabbitMQ clients declare queues with x-dead-letter-exchange, which Qpid does not know
                        "queue.behaviourOnUnknownDeclareArgument",
                        "IGNORE",
                        // without it Qpid keeps a message rejected without requeue in the queue, merely hidden from
                        // that consumer; with it the message is dropped, as RabbitMQ does when there is no
                        // dead-letter exchange (requeued and unacknowledged messages are still redelivered)
                        "queue.maximumDeliveryAttempts",
                        "1"),
                "authenticationproviders",
                List.of(Map.of(
                        "name",
                        "plain",
                        "type",
                        "Plain",
                        "secureOnlyMechanisms",
                        List.of(),
                        "users",
                        List.of(Map.of("name", GUEST, "type", "managed", "password", GUEST)))),
                "ports",
                List.of(Map.of(
                        "name", "AMQP",
                        "port", "0",
                        "bindingAddress", "127.0.0.1",
                        "protocols", List.of("AMQP_0_9_1"),
                        "authenticationProvider", "plain",
                        "virtualhostaliases",
                                List.of(
                                        Map.of("name", "nameAlias", "type", "nameAlias"),
                                        Map.of("name", "defaultAlias", "type", "defaultAlias")))),
                "virtualhostnodes",
                List.of(node));
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String virtualHost() {
        return virtualHost;
    }

    /** Whether this broker runs inside this process (as opposed to a RabbitMQ that was already there). */
    public boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.shutdown();
            if (throwawayWorkDir != null) {
                Directories.deleteQuietly(throwawayWorkDir);
            }
        }
    }

    /** Learns the port the broker bound once its configuration is resolved. */
    private static final class StartedBroker implements SystemLauncherListener {

        private volatile SystemConfig<?> systemConfig;

        @Override
        public void onContainerResolve(SystemConfig<?> systemConfig) {
            this.systemConfig = systemConfig;
        }

        int amqpPort() {
            Broker<?> broker = (Broker<?>) systemConfig.getContainer(Broker.class);
            return broker.getPorts().stream()
                    .filter(port -> "AMQP".equals(port.getName()))
                    .mapToInt(Port::getBoundPort)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("Embedded AMQP broker has no AMQP port"));
        }

        @Override
        public void beforeStartup() {}

        @Override
        public void errorOnStartup(RuntimeException e) {}

        @Override
        public void afterStartup() {}

        @Override
        public void onContainerClose(SystemConfig<?> systemConfig) {}

        @Override
        public void onShutdown(int exitCode) {}

        @Override
        public void exceptionOnShutdown(Exception e) {}
    }
}
