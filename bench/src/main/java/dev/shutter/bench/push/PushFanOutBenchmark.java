package dev.shutter.bench.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.FakeFcm;
import dev.shutter.devstack.infra.FcmMessage;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.post.PostPublished;
import dev.shutter.platform.amqp.EventsTopology;
import dev.shutter.push.PushDispatcherApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fans one post out to 100,000 followers with 1.5 devices each (150,000 pushes) through a real push-dispatcher
 * (RabbitMQ work queue, MongoDB read model and inbox, firebase-admin {@code sendEach}) against the fake FCM answering
 * every message after 20 ms, and compares it with the fake alone driven by firebase-admin at the same concurrency.
 * The read model is seeded directly in MongoDB; the post arrives as a live event on the service's queue.
 *
 * <p>Options: {@code --followers=100000 --latency-ms=20 --concurrency=4 --fake-threads=256 --results=bench/RESULTS.md}.
 */
public final class PushFanOutBenchmark {

    private PushFanOutBenchmark() {}

    public static void main(String[] args) {
        try {
            run(Options.parse(args));
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        // The in-process servers keep non-daemon threads: end the program once the figures are written.
        System.exit(0);
    }

    private static void run(Options options) throws Exception {
        int expected = options.followers() + options.followers() / 2;
        System.out.printf(
                "Push fan-out: %,d followers, %,d devices, fake FCM latency %d ms, %d senders, fake FCM threads %d%n",
                options.followers(), expected, options.latencyMs(), options.concurrency(), options.fakeThreads());
        try (FakeFcm fcm = FakeFcm.start(options.fakeThreads())) {
            fcm.latency(Duration.ofMillis(options.latencyMs()));
            FakeAlone.Result alone = FakeAlone.measure(fcm, expected, options.concurrency());
            System.out.printf(
                    "Fake FCM alone: %,.0f messages/s (%,d in %.1f s)%n", alone.perSecond(), expected, alone.seconds());
            fcm.reset();
            fcm.latency(Duration.ofMillis(options.latencyMs()));

            Run run = new Run(UUID.randomUUID().toString().substring(0, 8));
            Seeder.Seeded seeded;
            try {
                seeded = Seeder.seed(run.database(), options.followers());
                System.out.printf(
                        "Seeded %s: %,d followers, %,d devices in %.1f s%n",
                        run.database(), options.followers(), seeded.devices(), seeded.seconds());
                Result result = fanOut(run, fcm, options, seeded);
                Report report = new Report(options, alone, result);
                System.out.println(report.markdown());
                report.writeTo(options.results());
                System.out.println("Written to " + options.results());
            } finally {
                Seeder.drop(run.database());
            }
        }
    }

    private static Result fanOut(Run run, FakeFcm fcm, Options options, Seeder.Seeded seeded) throws Exception {
        AmqpBroker amqp = TestInfrastructure.amqp();
        CachingConnectionFactory connections = new CachingConnectionFactory(amqp.host(), amqp.port());
        connections.setUsername(amqp.username());
        connections.setPassword(amqp.password());
        connections.setVirtualHost(amqp.virtualHost());
        ConfigurableApplicationContext app = null;
        try {
            // As command-line arguments, so they win over push-dispatcher.yml (as in devstack).
            String[] arguments = properties(run, fcm, options).entrySet().stream()
                    .map(property -> "--" + property.getKey() + "=" + property.getValue())
                    .toArray(String[]::new);
            app = PushDispatcherApplication.application().run(arguments);
            ObjectMapper json = new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            String postId = UUID.randomUUID().toString();
            PostPublished post = new PostPublished(
                    postId, seeded.authorId(), "Benchmark 🌅 ".repeat(20), List.of("media-" + postId), Instant.now());
            Instant published = Instant.now();
            new RabbitTemplate(connections)
                    .send(
                            run.topology().exchange(),
                            AmqpTopology.routingKey(PostPublished.class),
                            MessageBuilder.withBody(json.writeValueAsBytes(post))
                                    .setContentType("application/json")
                                    .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                                    .setHeader(
                                            WireHeaders.MESSAGE_ID,
                                            UUID.randomUUID().toString())
                                    .setHeader(WireHeaders.MESSAGE_TYPE, PostPublished.class.getName())
                                    .setHeader(WireHeaders.TIMESTAMP, published.toEpochMilli())
                                    .setHeader(WireHeaders.AGGREGATE_ID, postId)
                                    .setHeader(WireHeaders.AGGREGATE_SEQUENCE, 0L)
                                    .setHeader(WireHeaders.AGGREGATE_TYPE, "Post")
                                    .build());
            int expected = seeded.devices();
            Instant deadline = published.plus(Duration.ofMinutes(15));
            long lastReport = 0;
            while (fcm.accepted() < expected && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
                long seconds = Duration.between(published, Instant.now()).toSeconds();
                if (seconds >= lastReport + 5) {
                    lastReport = seconds;
                    System.out.printf("  %3d s: %,d pushes accepted%n", seconds, fcm.accepted());
                }
            }
            List<FcmMessage> messages = fcm.messages();
            Set<String> tokens = new HashSet<>();
            Instant first = null;
            Instant last = null;
            for (FcmMessage message : messages) {
                tokens.add(message.token());
                first = first == null || message.receivedAt().isBefore(first) ? message.receivedAt() : first;
                last = last == null || message.receivedAt().isAfter(last) ? message.receivedAt() : last;
            }
            if (last == null) {
                throw new IllegalStateException("No push arrived");
            }
            return new Result(
                    expected,
                    messages.size(),
                    tokens.size(),
                    Duration.between(published, first),
                    Duration.between(published, last),
                    fcm.requests());
        } finally {
            if (app != null) {
                app.close();
            }
            removeBrokerObjects(run, connections);
            connections.destroy();
        }
    }

    /** Every queue and exchange push-dispatcher declared in the run's namespace: the events topology and its work queue. */
    private static void removeBrokerObjects(Run run, CachingConnectionFactory connections) {
        RabbitAdmin admin = new RabbitAdmin(connections);
        List<Declarable> declared = new ArrayList<>(run.topology().declarables().getDeclarables());
        declared.addAll(run.topology()
                .sharedWorkQueue(AmqpTopology.PUSH_DISPATCHER_WORK_QUEUE)
                .getDeclarables());
        for (Declarable declarable : declared) {
            if (declarable instanceof Queue queue) {
                admin.deleteQueue(queue.getName());
            }
        }
        declared.stream()
                .filter(Exchange.class::isInstance)
                .map(exchange -> ((Exchange) exchange).getName())
                .distinct()
                .forEach(admin::deleteExchange);
    }

    private static Map<String, Object> properties(Run run, FakeFcm fcm, Options options) {
        AmqpBroker amqp = TestInfrastructure.amqp();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.autoconfigure.exclude", foreignAutoConfigurations());
        properties.put("spring.rabbitmq.host", amqp.host());
        properties.put("spring.rabbitmq.port", amqp.port());
        properties.put("spring.rabbitmq.username", amqp.username());
        properties.put("spring.rabbitmq.password", amqp.password());
        properties.put("spring.rabbitmq.virtual-host", amqp.virtualHost());
        properties.put("spring.data.mongodb.uri", TestInfrastructure.mongo().uri());
        properties.put("spring.data.mongodb.database", run.database());
        properties.put("shutter.amqp.namespace", run.namespace());
        // TokenRejections still names the exchange it publishes DeviceTokenRejected to by this property.
        properties.put("shutter.amqp.exchange", run.topology().exchange());
        properties.put("shutter.push.fcm.endpoint", fcm.baseUrl());
        properties.put("shutter.push.send.concurrency", options.concurrency());
        properties.put("shutter.push.send.max-per-minute", options.perMinute());
        properties.put(
                "spring.security.oauth2.resourceserver.jwt.public-key-location",
                "file:" + TestInfrastructure.jwtKeys().publicKeyFile());
        properties.put("logging.level.root", "WARN");
        return properties;
    }

    /** The bench classpath holds every service: push-dispatcher must not pick up the others' SQL and Axon. */
    private static String foreignAutoConfigurations() {
        Predicate<String> foreign = name -> name.startsWith("org.axonframework.")
                || name.contains(".autoconfigure.flyway.")
                || name.contains(".autoconfigure.jdbc.")
                || name.contains(".autoconfigure.sql.")
                || name.contains(".autoconfigure.data.jdbc.")
                || name.contains(".actuate.autoconfigure.jdbc.")
                || name.contains(".autoconfigure.transaction.jta.");
        List<String> names = ImportCandidates.load(AutoConfiguration.class, PushFanOutBenchmark.class.getClassLoader())
                .getCandidates();
        return String.join(",", names.stream().filter(foreign).toList());
    }

    record Options(int followers, int latencyMs, int concurrency, int fakeThreads, int perMinute, Path results) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("Options look like --name=value: " + arg);
                }
                values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            return new Options(
                    Integer.parseInt(values.getOrDefault("followers", "100000")),
                    Integer.parseInt(values.getOrDefault("latency-ms", "20")),
                    Integer.parseInt(values.getOrDefault("concurrency", "4")),
                    Integer.parseInt(values.getOrDefault("fake-threads", "256")),
                    Integer.parseInt(values.getOrDefault("max-per-minute", "600000")),
                    Path.of(values.getOrDefault("results", "bench/RESULTS.md")));
        }
    }

    record Run(String id) {
        /** Prefixes every exchange and queue of the run: {@code bench-push-<id>.shutter.events}... */
        String namespace() {
            return "bench-push-" + id;
        }

        EventsTopology topology() {
            return new EventsTopology(namespace());
        }

        String database() {
            return "push_bench_" + id;
        }
    }

    record Result(int expected, int accepted, int distinctTokens, Duration toFirst, Duration toLast, long requests) {

        double perSecond() {
            return accepted / (toLast.toMillis() / 1000.0);
        }
    }
}
