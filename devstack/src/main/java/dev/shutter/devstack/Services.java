package dev.shutter.devstack;

import dev.shutter.command.CommandSideApplication;
import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.FakeFcm;
import dev.shutter.devstack.infra.JdbcDatabase;
import dev.shutter.devstack.infra.JwtKeys;
import dev.shutter.devstack.infra.Mongo;
import dev.shutter.devstack.infra.ObjectStorage;
import dev.shutter.media.MediaUploaderApplication;
import dev.shutter.projections.ProjectionsApplication;
import dev.shutter.push.PushDispatcherApplication;
import dev.shutter.query.QuerySideApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How each Shutter service is configured to run inside devstack: the same Spring Boot applications as in production,
 * pointed at the embedded (or local) infrastructure through ordinary Spring properties.
 */
final class Services {

    enum Service {
        COMMAND_SIDE("command-side"),
        QUERY_SIDE("query-side"),
        PROJECTIONS("projections"),
        MEDIA_UPLOADER("media-uploader"),
        PUSH_DISPATCHER("push-dispatcher");

        final String displayName;

        Service(String displayName) {
            this.displayName = displayName;
        }
    }

    private final DevstackSettings settings;
    private final JdbcDatabase eventStore;
    private final AmqpBroker broker;
    private final Mongo mongo;
    private final ObjectStorage objectStorage;
    private final FakeFcm fcm;
    private final JwtKeys jwtKeys;
    private final ForeignAutoConfigurations foreign = ForeignAutoConfigurations.onClasspath();
    private JdbcDatabase eventStoreReader;

    Services(
            DevstackSettings settings,
            JdbcDatabase eventStore,
            AmqpBroker broker,
            Mongo mongo,
            ObjectStorage objectStorage,
            FakeFcm fcm,
            JwtKeys jwtKeys) {
        this.settings = settings;
        this.eventStore = eventStore;
        this.broker = broker;
        this.mongo = mongo;
        this.objectStorage = objectStorage;
        this.fcm = fcm;
        this.jwtKeys = jwtKeys;
    }

    int port(Service service) {
        DevstackSettings.ServicePorts ports = settings.servicePorts();
        return switch (service) {
            case COMMAND_SIDE -> ports.commandSide();
            case QUERY_SIDE -> ports.querySide();
            case PROJECTIONS -> ports.projections();
            case MEDIA_UPLOADER -> ports.mediaUploader();
            case PUSH_DISPATCHER -> ports.pushDispatcher();
        };
    }

    /** Starts the service. Devstack's settings are passed as arguments so they win over the service's own file. */
    ConfigurableApplicationContext run(Service service) {
        return switch (service) {
            case COMMAND_SIDE -> CommandSideApplication.application().run(arguments(commandSide()));
            case QUERY_SIDE -> QuerySideApplication.application().run(arguments(querySide()));
            case PROJECTIONS -> ProjectionsApplication.application().run(arguments(projections()));
            case MEDIA_UPLOADER -> MediaUploaderApplication.application().run(arguments(mediaUploader()));
            case PUSH_DISPATCHER -> PushDispatcherApplication.application().run(arguments(pushDispatcher()));
        };
    }

    private static String[] arguments(Map<String, Object> properties) {
        return properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
    }

    private Map<String, Object> commandSide() {
        Map<String, Object> properties = common(Service.COMMAND_SIDE, foreign.forCommandSide());
        properties.putAll(datasource(eventStore));
        properties.putAll(rabbit());
        properties.put("shutter.jwt.private-key-location", "file:" + jwtKeys.privateKeyFile());
        properties.put("shutter.jwt.public-key-location", "file:" + jwtKeys.publicKeyFile());
        properties.put("shutter.admin.password", settings.adminPassword());
        properties.put(
                "shutter.export.push-dispatcher-url",
                "http://127.0.0.1:" + settings.servicePorts().pushDispatcher());
        return properties;
    }

    private Map<String, Object> querySide() {
        Map<String, Object> properties = common(Service.QUERY_SIDE, foreign.forQuerySide());
        properties.put("spring.data.mongodb.uri", mongo.uri());
        return properties;
    }

    private Map<String, Object> projections() {
        Map<String, Object> properties = common(Service.PROJECTIONS, foreign.forProjections());
        properties.put("spring.data.mongodb.uri", mongo.uri());
        properties.putAll(datasource(eventStoreReader()));
        properties.putAll(rabbit());
        return properties;
    }

    private Map<String, Object> mediaUploader() {
        Map<String, Object> properties = common(Service.MEDIA_UPLOADER, foreign.forMongoAndRabbitServices());
        properties.put("spring.data.mongodb.uri", mongo.uri());
        properties.putAll(rabbit());
        properties.put("shutter.s3.endpoint", objectStorage.endpoint().toString());
        properties.put("shutter.s3.region", objectStorage.region());
        properties.put("shutter.s3.access-key", objectStorage.accessKey());
        properties.put("shutter.s3.secret-key", objectStorage.secretKey());
        return properties;
    }

    private Map<String, Object> pushDispatcher() {
        // MongoDB, RabbitMQ and the event store read-only (rebuilds of its read model replay it), like projections.
        Map<String, Object> properties = common(Service.PUSH_DISPATCHER, foreign.forProjections());
        properties.put("spring.data.mongodb.uri", mongo.uri());
        properties.putAll(datasource(eventStoreReader()));
        properties.putAll(rabbit());
        properties.put("shutter.push.fcm.endpoint", fcm.baseUrl());
        // Pushes carry absolute image URLs: the phone reaches photos through the one base URL.
        properties.put("shutter.push.public-base-url", "http://localhost:" + settings.gatewayPort());
        return properties;
    }

    private Map<String, Object> common(Service service, String excludedAutoConfigurations) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port(service));
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.autoconfigure.exclude", excludedAutoConfigurations);
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.main.register-shutdown-hook", "false");
        // Every exchange and queue name of the platform's topology, prefixed so that devstacks can share a broker.
        properties.put("shutter.amqp.namespace", settings.namespace());
        // Tokens are validated through the command side's key set, fetched on the first token and cached.
        properties.put(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                "http://127.0.0.1:" + port(Service.COMMAND_SIDE) + "/.well-known/jwks.json");
        return properties;
    }

    /** The read-only event store login, granted once: granting again would give the role a new password. */
    private synchronized JdbcDatabase eventStoreReader() {
        if (eventStoreReader == null) {
            eventStoreReader = ReadOnlyEventStore.grant(eventStore);
        }
        return eventStoreReader;
    }

    private static Map<String, Object> datasource(JdbcDatabase database) {
        return Map.of(
                "spring.datasource.url", database.url(),
                "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password());
    }

    private Map<String, Object> rabbit() {
        return Map.of(
                "spring.rabbitmq.host", broker.host(),
                "spring.rabbitmq.port", broker.port(),
                "spring.rabbitmq.username", broker.username(),
                "spring.rabbitmq.password", broker.password(),
                "spring.rabbitmq.virtual-host", broker.virtualHost());
    }
}
