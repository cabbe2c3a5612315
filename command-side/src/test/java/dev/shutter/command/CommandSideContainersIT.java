package dev.shutter.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
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

    private final TestRestTemplate http;
    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final AmqpAdmin amqpAdmin;
    private final RabbitTemplate rabbit;

    CommandSideContainersIT(
            @Autowired TestRestTemplate http,
            @Autowired JdbcTemplate jdbc,
            @Autowired ObjectMapper objectMapper,
            @Autowired AmqpAdmin amqpAdmin,
            @Autowired RabbitTemplate rabbit) {
        this.http = http;
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.amqpAdmin = amqpAdmin;
        this.rabbit = rabbit;
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
        String adaName = uniqueName("ada");
        String ada = register(adaName);
        String bob = register(uniqueName("bob"));
        String token = tokenOf(adaName);

        assertThat(call(HttpMethod.PUT, "/api/users/me/following/" + bob, token, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(call(HttpMethod.PUT, "/api/users/me/following/" + bob, token, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(eventCount(ada + ":" + bob, UserFollowed.class)).isEqualTo(1);

        String mediaId = UUID.randomUUID().toString();
        publishMediaStored(mediaId, ada);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForList("SELECT owner_id FROM media WHERE media_id = ?", String.class, mediaId)
                        .equals(List.of(ada)));

        ResponseEntity<JsonNode> created = call(
                HttpMethod.POST, "/api/posts", token, Map.of("caption", "First light", "mediaIds", List.of(mediaId)));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String postId = created.getBody().get("id").asText();
        JsonNode stored = storedPayload(postId, PostPublished.class);
        assertThat(stored.get("authorId").asText()).isEqualTo(ada);
        assertThat(stored.get("mediaIds").get(0).asText()).isEqualTo(mediaId);

        Message message = awaitRelayed(relayed, postId);
        MessageProperties properties = message.getMessageProperties();
        assertThat(properties.getReceivedExchange()).isEqualTo(AmqpTopology.EXCHANGE);
        assertThat(properties.getReceivedRoutingKey()).isEqualTo(PostPublished.class.getName());
        assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(properties.getContentType()).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
        Map<String, Object> headers = properties.getHeaders();
        assertThat(headers.get(WireHeaders.MESSAGE_TYPE)).hasToString(PostPublished.class.getName());
        assertThat(headers.get(WireHeaders.AGGREGATE_ID)).hasToString(postId);
        assertThat(headers.get(WireHeaders.AGGREGATE_SEQUENCE)).isEqualTo(0L);
        assertThat(headers.get(WireHeaders.AGGREGATE_TYPE)).hasToString("Post");
        assertThat(headers.get(WireHeaders.TIMESTAMP)).isInstanceOf(Long.class);
        assertThat(headers.get(WireHeaders.MESSAGE_ID))
                .hasToString(jdbc.queryForObject(
                        "SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?",
                        String.class,
                        postId));
        assertThat(headers.get(WireHeaders.GLOBAL_INDEX))
                .isEqualTo(jdbc.queryForObject(
                        "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?",
                        Long.class,
                        postId));
        PostPublished body = objectMapper.readValue(message.getBody(), PostPublished.class);
        assertThat(body.postId()).isEqualTo(postId);
        assertThat(body.mediaIds()).containsExactly(mediaId);
    }

    @Test
    void rejectsASecondRegistrationOfTheSameUsernameInAnyCaseAndAppendsNothing() {
        String name = uniqueName("cy");
        register(name);
        long accounts = count("SELECT count(*) FROM accounts");
        long registrations = count("SELECT count(*) FROM domain_event_entry WHERE payload_type = '"
                + UserRegistered.class.getName() + "'");

        ResponseEntity<JsonNode> again = call(
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
    void sendsAMessageThatIsNotAReadableMediaStoredToTheDeadLetterQueue() {
        MessageProperties properties = new MessageProperties();
        properties.setHeader(WireHeaders.MESSAGE_TYPE, MediaStored.class.getName());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send(
                AmqpTopology.EXCHANGE,
                AmqpTopology.routingKey(MediaStored.class),
                new Message("{not json".getBytes(StandardCharsets.UTF_8), properties));

        Message dead = rabbit.receive(AmqpTopology.deadLetterQueue(AmqpTopology.COMMAND_SIDE_MEDIA_QUEUE), 20_000);

        assertThat(dead).isNotNull();
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    }

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, String token, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private String register(String username) {
        ResponseEntity<JsonNode> response = call(
                HttpMethod.POST,
                "/api/users",
                null,
                Map.of(
                        "username", username,
                        "email", username + "@example.com",
                        "password", "correct horse " + username,
                        "displayName", "User " + username));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return response.getBody().get("id").asText();
    }

    private String tokenOf(String username) {
        ResponseEntity<JsonNode> response = call(
                HttpMethod.POST,
                "/api/auth/token",
                null,
                Map.of("login", username, "password", "correct horse " + username));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody().get("accessToken").asText();
    }

    private static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
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

    private Message awaitRelayed(String queue, String aggregateId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Message message = rabbit.receive(queue, 1000);
            if (message != null
                    && aggregateId.equals(String.valueOf(
                            message.getMessageProperties().getHeaders().get(WireHeaders.AGGREGATE_ID)))) {
                return message;
            }
        }
        throw new AssertionError("The relay did not publish an event of " + aggregateId);
    }

    /** MediaStored as media-uploader publishes it: no aggregate type and no global index. */
    private void publishMediaStored(String mediaId, String ownerId) {
        MediaStored media = new MediaStored(mediaId, ownerId, "image/jpeg", 1080, 1350, Instant.now());
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setHeader(WireHeaders.MESSAGE_ID, UUID.randomUUID().toString());
        properties.setHeader(WireHeaders.MESSAGE_TYPE, MediaStored.class.getName());
        properties.setHeader(WireHeaders.TIMESTAMP, Instant.now().toEpochMilli());
        properties.setHeader(WireHeaders.AGGREGATE_ID, mediaId);
        properties.setHeader(WireHeaders.AGGREGATE_SEQUENCE, 0L);
        try {
            rabbit.send(
                    AmqpTopology.EXCHANGE,
                    AmqpTopology.routingKey(MediaStored.class),
                    new Message(objectMapper.writeValueAsBytes(media), properties));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long eventCount(String aggregateId, Class<?> type) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
                Long.class,
                aggregateId,
                type.getName());
    }

    private JsonNode storedPayload(String aggregateId, Class<?> type) throws Exception {
        byte[] payload = jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
                byte[].class,
                aggregateId,
                type.getName());
        return objectMapper.readTree(new String(payload, StandardCharsets.UTF_8));
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
