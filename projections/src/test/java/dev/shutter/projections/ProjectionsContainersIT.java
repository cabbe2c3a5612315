package dev.shutter.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.projections.support.Scenario;
import dev.shutter.projections.support.Snapshots;
import dev.shutter.projections.support.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.lifecycle.Startables;

/**
 * The live projections against the MongoDB and RabbitMQ versions Shutter is deployed with, each in
 * a container of its own, so the default exchange and queue names are used. The other tests run
 * on an in-process MongoDB stand-in; this one proves the read models on the real server.
 *
 * <p>Live consumption never reads the event store (only rebuilds do), so no PostgreSQL is started.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = "spring.config.name=projections")
class ProjectionsContainersIT {

    private static final MongoDBContainer MONGODB = new MongoDBContainer("mongo:7");
    private static final RabbitMQContainer RABBITMQ = new RabbitMQContainer("rabbitmq:4.1-management-alpine");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final RabbitTemplate rabbit;
    private final ObjectMapper objectMapper;
    private final MongoTemplate profiles;
    private final MongoTemplate social;
    private final MongoTemplate posts;
    private final MongoTemplate timelines;

    ProjectionsContainersIT(
            @Autowired RabbitTemplate rabbit, @Autowired ObjectMapper objectMapper, @Autowired MongoClient mongo) {
        this.rabbit = rabbit;
        this.objectMapper = objectMapper;
        this.profiles = new MongoTemplate(mongo, "profiles");
        this.social = new MongoTemplate(mongo, "social");
        this.posts = new MongoTemplate(mongo, "posts");
        this.timelines = new MongoTemplate(mongo, "timelines");
    }

    /**
     * Starts the containers here rather than through {@code @Container}: Spring resolves these
     * properties while it creates the test instance, before the Testcontainers extension would have
     * started them. They live until the JVM exits, after the Spring context has closed.
     */
    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        Startables.deepStart(MONGODB, RABBITMQ).join();
        registry.add("spring.data.mongodb.uri", MONGODB::getConnectionString);
        registry.add("spring.rabbitmq.host", RABBITMQ::getHost);
        registry.add("spring.rabbitmq.port", RABBITMQ::getAmqpPort);
        registry.add("spring.rabbitmq.username", RABBITMQ::getAdminUsername);
        registry.add("spring.rabbitmq.password", RABBITMQ::getAdminPassword);
        registry.add("spring.rabbitmq.virtual-host", () -> "/");
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> "file:" + TestInfrastructure.jwtKeys().publicKeyFile());
    }

    @Test
    void eventsFromTheBrokerBuildEveryReadModelOnARealMongoDb() {
        assertThat(profiles.executeCommand(new Document("buildInfo", 1)).getString("version"))
                .startsWith("7.");
        Scenario scenario = new Scenario(1);

        publish(scenario.history());

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(profile(scenario.alice))
                    .contains(
                            entry("username", scenario.aliceName),
                            entry("followerCount", 1L),
                            entry("followingCount", 0L),
                            entry("postCount", 2L));
            assertThat(profile(scenario.bob))
                    .contains(entry("followerCount", 0L), entry("followingCount", 1L), entry("postCount", 0L));
            assertThat(social.findById(scenario.followId, Document.class, "follows_g1"))
                    .contains(
                            entry("followerId", scenario.bob),
                            entry("followeeId", scenario.alice),
                            entry("active", true));
            assertThat(ids(timelines, "user_g1", "authorId", scenario.alice))
                    .containsExactlyInAnyOrder(scenario.firstPost, scenario.secondPost);
            assertThat(homeOf(scenario.bob)).containsExactlyInAnyOrder(scenario.firstPost, scenario.secondPost);
            assertThat(posts.findById(scenario.firstPost, Document.class, "posts_g1"))
                    .contains(
                            entry("authorId", scenario.alice),
                            entry("caption", "First light"),
                            entry("deleted", false),
                            entry("likeCount", 1L),
                            entry("commentCount", 1L));
            assertThat(posts.findById(scenario.comment, Document.class, "comments_g1"))
                    .contains(entry("text", "Lovely"));
        });
    }

    @Test
    void messagesDeliveredTwiceChangeNoReadModel() {
        Scenario scenario = new Scenario(100);
        List<StoredEvent> history = scenario.history();
        publish(history);
        awaitApplied(scenario.registration(UUID.randomUUID().toString(), "marker-" + UUID.randomUUID()));
        Map<String, Object> before = readModels();

        publish(history);
        StoredEvent marker = scenario.registration(UUID.randomUUID().toString(), "marker-" + UUID.randomUUID());
        awaitApplied(marker);
        // The queue is ordered and has one consumer: the duplicates were applied before the marker.
        profiles.remove(query(where("_id").is(marker.aggregateId())), "users_g1");

        assertThat(readModels()).isEqualTo(before);
    }

    @Test
    void unfollowingRemovesTheFolloweesPostsFromTheHomeTimeline() {
        Scenario scenario = new Scenario(200);
        publish(scenario.history());
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(homeOf(scenario.bob)).hasSize(2));

        publish(List.of(scenario.unfollow()));

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(homeOf(scenario.bob)).isEmpty();
            assertThat(profile(scenario.alice)).contains(entry("followerCount", 0L));
            assertThat(profile(scenario.bob)).contains(entry("followingCount", 0L));
            assertThat(social.findById(scenario.followId, Document.class, "follows_g1"))
                    .contains(entry("active", false));
        });
    }

    @Test
    void messageThatIsNoShutterEventIsDeadLetteredAndDoesNotBlockTheQueue() {
        Scenario scenario = new Scenario(300);
        MessageProperties properties = new MessageProperties();
        properties.setHeader(WireHeaders.MESSAGE_TYPE, "dev.shutter.events.user.UserVanished");
        properties.setHeader(WireHeaders.MESSAGE_ID, UUID.randomUUID().toString());
        rabbit.send(
                AmqpTopology.EXCHANGE,
                "dev.shutter.events.user.UserVanished",
                new Message("{}".getBytes(StandardCharsets.UTF_8), properties));

        awaitApplied(scenario.registration(UUID.randomUUID().toString(), "after-" + UUID.randomUUID()));

        Message deadLetter = rabbit.receive(AmqpTopology.deadLetterQueue(AmqpTopology.PROJECTIONS_QUEUE), 10_000);
        assertThat(deadLetter).isNotNull();
        assertThat((String) deadLetter.getMessageProperties().getHeader(WireHeaders.MESSAGE_TYPE))
                .isEqualTo("dev.shutter.events.user.UserVanished");
    }

    private void publish(List<StoredEvent> events) {
        for (StoredEvent event : events) {
            rabbit.send(AmqpTopology.EXCHANGE, event.routingKey(), event.message(objectMapper));
        }
    }

    private void awaitApplied(StoredEvent registration) {
        publish(List.of(registration));
        await().atMost(DEADLINE).until(() -> profile(registration.aggregateId()) != null);
    }

    private Map<String, Object> readModels() {
        Map<String, Object> models = new LinkedHashMap<>();
        for (MongoTemplate view : List.of(profiles, social, posts, timelines)) {
            models.put(view.getDb().getName(), Snapshots.database(view, Set.of("view_state")));
        }
        return models;
    }

    private Document profile(String userId) {
        return profiles.findById(userId, Document.class, "users_g1");
    }

    private List<String> homeOf(String owner) {
        return timelines.find(query(where("ownerId").is(owner)), Document.class, "home_g1").stream()
                .map(entry -> entry.getString("postId"))
                .toList();
    }

    private static List<String> ids(MongoTemplate mongo, String collection, String field, String value) {
        return mongo.find(query(where(field).is(value)), Document.class, collection).stream()
                .map(document -> document.getString("_id"))
                .toList();
    }
}
