package dev.shutter.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.devstack.infra.JwtKeys;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.media.MediaStored;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.UserRegistered;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.lifecycle.Startables;

/**
 * The core command-side flow against the PostgreSQL and RabbitMQ versions Shutter is deployed
 * with, each in a container of its own, so the default exchange and queue names are used.
 *
 * <p>It does not extend {@link CommandSideIntegrationTest}: Spring invokes every
 * {@code @DynamicPropertySource} method of the class hierarchy, so that base class would also start
 * the shared test infrastructure and its values would win over the containers'.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=command-side")
class CommandSideContainersIT {

    private static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>("postgres:16-alpine");
    private static final RabbitMQContainer RABBITMQ = new RabbitMQContainer("rabbitmq:4.1-management-alpine");

    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final AmqpAdmin amqpAdmin;
    private final RabbitTemplate rabbit;
    private final CommandSideApi api;

    CommandSideContainersIT(
            @Autowired TestRestTemplate http,
            @Autowired JdbcTemplate jdbc,
            @Autowired ObjectMapper objectMapper,
            @Autowired AmqpAdmin amqpAdmin,
            @Autowired RabbitTemplate rabbit) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.amqpAdmin = amqpAdmin;
        this.rabbit = rabbit;
        this.api = new CommandSideApi(http, jdbc, objectMapper, rabbit);
    }

    /**
     * Starts the containers here rather than through {@code @Container}: Spring resolves these
     * properties while it creates the test instance, before the Testcontainers extension would have
     * started them. They live until the JVM exits, after the Spring context has closed.
     */
    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        Startables.deepStart(POSTGRES, RABBITMQ).join();
        registry.add("spring.datasource.url", POSTGRES::getJdbcUrl);
        registry.add("spring.datasource.username", POSTGRES::getUsername);
        registry.add("spring.datasource.password", POSTGRES::getPassword);
        registry.add("spring.rabbitmq.host", RABBITMQ::getHost);
        registry.add("spring.rabbitmq.port", RABBITMQ::getAmqpPort);
        registry.add("spring.rabbitmq.username", RABBITMQ::getAdminUsername);
        registry.add("spring.rabbitmq.password", RABBITMQ::getAdminPassword);
        registry.add("spring.rabbitmq.virtual-host", () -> "/");
        JwtKeys keys = TestInfrastructure.jwtKeys();
        registry.add("shutter.jwt.private-key-location", () -> "file:" + keys.privateKeyFile());
        registry.add("shutter.jwt.public-key-location", () -> "file:" + keys.publicKeyFile());
    }

    @Test
    void aUserRegistersFollowsAndPostsAndTheRelayPublishesThePostWithTheWireHeaders() throws Exception {
        assertThat(jdbc.queryForObject("SHOW server_version", String.class)).startsWith("16.");
        String relayed = bindRelayedQueue();
        String adaName = CommandSideApi.uniqueName("ada");
        String ada = api.register(adaName);
        String bob = api.register(CommandSideApi.uniqueName("bob"));
        String token = api.tokenOf(adaName, adaName);

        assertThat(api.call(HttpMethod.PUT, "/api/users/me/following/" + bob, token, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api.call(HttpMethod.PUT, "/api/users/me/following/" + bob, token, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api.eventCount(ada + ":" + bob, UserFollowed.class)).isEqualTo(1);

        String mediaId = UUID.randomUUID().toString();
        api.publishMediaStored(AmqpTopology.EXCHANGE, mediaId, ada);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForList("SELECT owner_id FROM media WHERE media_id = ?", String.class, mediaId)
                        .equals(List.of(ada)));

        ResponseEntity<JsonNode> created = api.call(
                HttpMethod.POST, "/api/posts", token, Map.of("caption", "First light", "mediaIds", List.of(mediaId)));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String postId = created.getBody().get("id").asText();
        JsonNode stored = api.storedPayload(postId, PostPublished.class);
        assertThat(stored.get("authorId").asText()).isEqualTo(ada);
        assertThat(stored.get("mediaIds").get(0).asText()).isEqualTo(mediaId);

        PostPublished body = api.relayedPostPublished(api.awaitRelayed(relayed, postId), AmqpTopology.EXCHANGE, postId);
        assertThat(body.postId()).isEqualTo(postId);
        assertThat(body.mediaIds()).containsExactly(mediaId);
    }

    @Test
    void rejectsASecondRegistrationOfTheSameUsernameInAnyCaseAndAppendsNothing() {
        String name = CommandSideApi.uniqueName("cy");
        api.register(name);
        long accounts = count("SELECT count(*) FROM accounts");
        long registrations = count("SELECT count(*) FROM domain_event_entry WHERE payload_type = '"
                + UserRegistered.class.getName() + "'");

        ResponseEntity<JsonNode> again = api.call(
                HttpMethod.POST,
                "/api/users",
                null,
                Map.of(
                        "username",
                        name.toUpperCase(),
                        "email",
                        "other-" + name + "@example.com",
                        "password",
                        "another password",
                        "displayName",
                        "Imposter"));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(again.getBody().get("code").asText()).isEqualTo("USERNAME_TAKEN");
        assertThat(count("SELECT count(*) FROM accounts")).isEqualTo(accounts);
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE payload_type = '"
                        + UserRegistered.class.getName() + "'"))
                .isEqualTo(registrations);
    }

    @Test
    void parksAMessageThatIsNotAReadableMediaStoredAsADeadLetterOfTheMediaConsumer() {
        String body = "{not json " + UUID.randomUUID();
        MessageProperties properties = new MessageProperties();
        properties.setHeader(WireHeaders.MESSAGE_TYPE, MediaStored.class.getName());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send(
                AmqpTopology.EXCHANGE,
                AmqpTopology.routingKey(MediaStored.class),
                new Message(body.getBytes(StandardCharsets.UTF_8), properties));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM consumer_dead_letters WHERE consumer = ? AND body = ?",
                                Long.class,
                                "command-side.media",
                                body)
                        == 1);
    }

    /** A queue of this test bound to every event, durable because RabbitMQ 4 deprecates transient shared queues. */
    private String bindRelayedQueue() {
        String queue = "test.relayed." + UUID.randomUUID();
        amqpAdmin.declareQueue(QueueBuilder.durable(queue).expires(300_000).build());
        Binding binding = BindingBuilder.bind(new Queue(queue))
                .to(new TopicExchange(AmqpTopology.EXCHANGE))
                .with(AmqpTopology.ALL_EVENTS);
        amqpAdmin.declareBinding(binding);
        return queue;
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
