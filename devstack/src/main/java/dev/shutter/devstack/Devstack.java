package dev.shutter.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.devstack.Services.Service;
import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.FakeFcm;
import dev.shutter.devstack.infra.JdbcDatabase;
import dev.shutter.devstack.infra.JwtKeys;
import dev.shutter.devstack.infra.Mongo;
import dev.shutter.devstack.infra.ObjectStorage;
import dev.shutter.devstack.infra.Postgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole of Shutter in one JVM: embedded (or local) infrastructure, every service on its own port, one base URL.
 *
 * <p>{@code java -jar devstack/target/shutter-devstack.jar [--clean]}; see {@link DevstackSettings} for the environment.
 */
public final class Devstack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Devstack.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<Service, ConfigurableApplicationContext> services = new EnumMap<>(Service.class);
    private final DevstackSettings settings;
    private Gateway gateway;

    private Devstack(DevstackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        DevstackSettings settings = DevstackSettings.from(System.getenv(), Arrays.asList(args));
        Devstack devstack = start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(devstack::close, "devstack-shutdown"));
        devstack.printWelcome();
    }

    static Devstack start(DevstackSettings settings) {
        Devstack devstack = new Devstack(settings);
        try {
            devstack.startAll();
            return devstack;
        } catch (RuntimeException | IOException e) {
            devstack.close();
            throw e instanceof RuntimeException runtime ? runtime : new UncheckedIOException((IOException) e);
        }
    }

    private void startAll() throws IOException {
        Path data = settings.dataDir();
        if (settings.clean()) {
            deleteRecursively(data);
        }
        Files.createDirectories(data);
        log.info("Starting Shutter devstack with data in {}", data);

        Postgres postgres = remember(Postgres.start(data.resolve("postgres")));
        AmqpBroker broker = remember(AmqpBroker.start(data.resolve("amqp")));
        if (settings.clean()) {
            // The embedded stores were wiped with the data directory; local servers keep devstack's data elsewhere.
            SharedServers.wipe(settings, postgres, broker);
        }
        JdbcDatabase eventStore = postgres.database(settings.eventStoreDatabase());
        Mongo mongo = remember(Mongo.start(settings.mongoInMemory() ? null : data.resolve("mongo")));
        ObjectStorage objectStorage = remember(ObjectStorage.start(data.resolve("s3")));
        FakeFcm fcm = remember(FakeFcm.start());
        JwtKeys jwtKeys = JwtKeys.loadOrCreate(data.resolve("jwt"));
        log.info(
                "Infrastructure: PostgreSQL {} ({}), AMQP broker {}:{} ({}), MongoDB {}, S3 {}, fake FCM {}",
                eventStore.url(),
                postgres.embedded() ? "embedded" : "local",
                broker.host(),
                broker.port(),
                broker.embedded() ? "embedded" : "local",
                mongo.uri(),
                objectStorage.endpoint(),
                fcm.baseUrl());

        Services definitions = new Services(settings, eventStore, broker, mongo, objectStorage, fcm, jwtKeys);
        // The command side first: it owns the event store schema and creates the admin account.
        run(definitions, Service.COMMAND_SIDE);
        ExecutorService starter = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Void>> rest = new ArrayList<>();
            for (Service service :
                    List.of(Service.PROJECTIONS, Service.QUERY_SIDE, Service.MEDIA_UPLOADER, Service.PUSH_DISPATCHER)) {
                rest.add(CompletableFuture.runAsync(() -> run(definitions, service), starter));
            }
            CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        } finally {
            starter.shutdown();
        }

        Map<Service, URI> serviceUrls = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            serviceUrls.put(service, local(definitions.port(service)));
        }
        HealthCheck health = new HealthCheck(definitions);
        gateway = remember(Gateway.start(
                "127.0.0.1",
                settings.gatewayPort(),
                Routes.shared(),
                new Gateway.Upstreams(serviceUrls, URI.create(fcm.baseUrl())),
                health::report));
    }

    private void run(Services definitions, Service service) {
        long startedAt = System.nanoTime();
        ConfigurableApplicationContext context = definitions.run(service);
        synchronized (services) {
            services.put(service, context);
        }
        log.info(
                "{} is up on port {} ({} ms)",
                service.displayName,
                definitions.port(service),
                (System.nanoTime() - startedAt) / 1_000_000);
    }

    /** The base URL of the whole API. */
    public URI baseUrl() {
        return local(gateway.port());
    }

    public String adminPassword() {
        return settings.adminPassword();
    }

    private void printWelcome() {
        String password = settings.adminPasswordGenerated()
                ? settings.adminPassword() + "  (generated: set SHUTTER_ADMIN_PASSWORD to choose one)"
                : "from SHUTTER_ADMIN_PASSWORD";
        System.out.printf(
                "%nShutter devstack is ready at %s%n  health:         %s/actuator/health%n"
                        + "  pushes sent:    %s/dev/fcm/messages%n  admin account:  admin / %s%n"
                        + "  data:           %s (start with --clean to wipe it)%nPress Ctrl-C to stop.%n%n",
                baseUrl(), baseUrl(), baseUrl(), password, settings.dataDir());
    }

    @Override
    public synchronized void close() {
        List<ConfigurableApplicationContext> contexts;
        synchronized (services) {
            contexts = new ArrayList<>(services.values());
            services.clear();
        }
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        // Consumers and producers stop before the infrastructure they talk to.
        for (int i = contexts.size() - 1; i >= 0; i--) {
            closeQuietly(contexts.get(i));
        }
        while (!started.isEmpty()) {
            closeQuietly(started.pop());
        }
    }

    private <T extends AutoCloseable> T remember(T resource) {
        started.push(resource);
        return resource;
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Could not stop {} cleanly", resource, e);
        }
    }

    private static URI local(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Asks every service's own health endpoint; the devstack is up when all are. */
    private static final class HealthCheck {

        private final Services services;
        private final HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final ObjectMapper json = new ObjectMapper();

        HealthCheck(Services services) {
            this.services = services;
        }

        Gateway.HealthReport report() {
            Map<String, Object> components = new LinkedHashMap<>();
            boolean up = true;
            for (Service service : Service.values()) {
                String status = status(service);
                up &= status.equals("UP");
                components.put(service.displayName, Map.of("status", status));
            }
            try {
                return new Gateway.HealthReport(
                        up, json.writeValueAsString(Map.of("status", up ? "UP" : "DOWN", "components", components)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String status(Service service) {
            HttpRequest request = HttpRequest.newBuilder(
                            local(services.port(service)).resolve("/actuator/health"))
                    .timeout(Duration.ofSeconds(3))
                    .build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                return String.valueOf(
                        json.readTree(response.body()).path("status").asText("DOWN"));
            } catch (IOException e) {
                return "DOWN";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "DOWN";
            }
        }
    }
}
