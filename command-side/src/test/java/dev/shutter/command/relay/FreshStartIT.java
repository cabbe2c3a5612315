package dev.shutter.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.command.BrokerObjects;
import dev.shutter.command.LocalInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.AmqpTopology.ConsumerQueue;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.media.MediaStored;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.platform.amqp.EventsTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A first start in a namespace where no consumer ever ran: the command side declares every consumer queue before it
 * publishes, so the admin account's registration and everything after it wait in each queue they are routed to for
 * consumers that have not started yet.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=command-side", "shutter.admin.password=" + FreshStartIT.ADMIN_PASSWORD})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FreshStartIT {

    static final String ADMIN_PASSWORD = "admin secret of a fresh start";

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final BrokerObjects BROKER = BrokerObjects.forRun("fresh." + RUN);
    private static final EventsTopology TOPOLOGY = BROKER.topology();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    AmqpAdmin amqpAdmin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.register(registry, "command_side_fresh", BROKER);
    }

    @Test
    void theAdminsRegistrationAndEveryLaterEventWaitInEveryQueueTheyAreRoutedTo() throws Exception {
        RelayedEvents relayed = new RelayedEvents(http, jdbc, objectMapper, rabbit);
        String admin = jdbc.queryForObject("SELECT user_id FROM accounts WHERE username = 'admin'", String.class);
        String ada = relayed.register();
        String post = publishPost(ada);
        Map<String, Class<?>> events =
                Map.of(admin, UserRegistered.class, ada, UserRegistered.class, post, PostPublished.class);
        long last = relayed.globalIndexOf(post);
        await().atMost(PATIENCE).until(() -> relayed.relayPosition() >= last);

        for (ConsumerQueue consumer : AmqpTopology.EVENT_CONSUMERS) {
            String queue = TOPOLOGY.queue(consumer.name());
            assertThat(amqpAdmin.getQueueInfo(queue)).as("queue %s", queue).isNotNull();
            assertThat(amqpAdmin.getQueueInfo(TOPOLOGY.deadLetterQueue(consumer.name())))
                    .as("dead-letter queue of %s", queue)
                    .isNotNull();
            Set<String> expected = new HashSet<>();
            events.forEach((aggregateId, type) -> {
                if (consumer.bindings().stream()
                        .anyMatch(pattern -> RelayedEvents.matches(pattern, AmqpTopology.routingKey(type)))) {
                    expected.add(aggregateId + " " + type.getName());
                }
            });
            assertThat(drain(queue, expected.size())).as("events in %s", queue).containsAll(expected);
        }
        assertThat(TOPOLOGY.queue(AmqpTopology.PROJECTIONS_QUEUE)).startsWith(BROKER.namespace() + ".");
    }

    @Test
    void theAdminAccountsTokenOpensTheConsumersAdminApiAndAUsersDoesNot() {
        String adminToken = tokenOf("admin", ADMIN_PASSWORD);
        String user = new RelayedEvents(http, jdbc, objectMapper, rabbit).register();
        String username = jdbc.queryForObject("SELECT username FROM accounts WHERE user_id = ?", String.class, user);
        String userToken = tokenOf(username, "correct horse battery");

        ResponseEntity<JsonNode> byAdmin = get("/api/admin/consumers", adminToken);
        ResponseEntity<JsonNode> byUser = get("/api/admin/consumers/command-side.devices/dead-letters", userToken);
        ResponseEntity<JsonNode> anonymous = get("/api/admin/consumers/command-side.devices/dead-letters", null);

        assertThat(byAdmin.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(byAdmin.getBody().findValuesAsText("name")).contains("command-side.media", "command-side.devices");
        assertThat(byUser.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @AfterAll
    void removeBrokerObjects() {
        listeners.stop();
        BROKER.removeFrom(amqpAdmin);
    }

    /** A post of one photo that media-uploader announced, as the app makes it; answers the post's id. */
    private String publishPost(String authorId) throws Exception {
        String media = UUID.randomUUID().toString();
        rabbit.send(
                TOPOLOGY.exchange(),
                AmqpTopology.routingKey(MediaStored.class),
                MessageBuilder.withBody(objectMapper.writeValueAsBytes(
                                new MediaStored(media, authorId, "image/jpeg", 1080, 1080, Instant.now())))
                        .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                        .setHeader(WireHeaders.MESSAGE_ID, UUID.randomUUID().toString())
                        .setHeader(WireHeaders.MESSAGE_TYPE, MediaStored.class.getName())
                        .setHeader(WireHeaders.AGGREGATE_ID, media)
                        .setHeader(WireHeaders.AGGREGATE_SEQUENCE, 0L)
                        .build());
        await().atMost(PATIENCE)
                .until(() ->
                        jdbc.queryForObject("SELECT count(*) FROM media WHERE media_id = ?", Long.class, media) == 1);
        String username =
                jdbc.queryForObject("SELECT username FROM accounts WHERE user_id = ?", String.class, authorId);
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(tokenOf(username, "correct horse battery"));
        ResponseEntity<JsonNode> created = http.exchange(
                "/api/posts",
                HttpMethod.POST,
                new HttpEntity<>(Map.of("caption", "First light", "mediaIds", List.of(media)), headers),
                JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return created.getBody().get("id").asText();
    }

    /** Reads the queue empty (at least {@code atLeast} messages, waiting for them): "aggregate type" of each. */
    private Set<String> drain(String queue, int atLeast) {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int read = 0;
        while (System.nanoTime() < deadline) {
            Message message = rabbit.receive(queue);
            if (message == null) {
                if (read >= atLeast) {
                    break;
                }
                sleep();
                continue;
            }
            read++;
            Map<String, Object> headers = message.getMessageProperties().getHeaders();
            seen.add(headers.get(WireHeaders.AGGREGATE_ID) + " " + headers.get(WireHeaders.MESSAGE_TYPE));
        }
        return seen;
    }

    private String tokenOf(String login, String password) {
        ResponseEntity<JsonNode> response =
                http.postForEntity("/api/auth/token", Map.of("login", login, "password", password), JsonNode.class);
        assertThat(response.getStatusCode()).as(String.valueOf(response)).isEqualTo(HttpStatus.OK);
        return response.getBody().get("accessToken").asText();
    }

    private ResponseEntity<JsonNode> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
