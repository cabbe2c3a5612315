package dev.shutter.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.post.PostPublished;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole command side on a random port, against a fresh
 * PostgreSQL database and a RabbitMQ exchange and queue of its own.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=command-side")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CommandSideIntegrationTest {

    protected static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    protected static final BrokerObjects BROKER = BrokerObjects.forRun(RUN);
    protected static final String EXCHANGE = BROKER.exchange();
    protected static final String MEDIA_QUEUE = BROKER.mediaQueue();
    /** push-dispatcher's API as the export reads it. */
    protected static final PushDispatcherStub PUSH_DISPATCHER = PushDispatcherStub.start();

    @Autowired
    protected TestRestTemplate http;

    @Autowired
    protected EventStore eventStore;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected ObjectMapper objectMapper;

    @Autowired
    protected AmqpAdmin amqpAdmin;

    @Autowired
    protected RabbitTemplate rabbitTemplate;

    @Autowired
    private RabbitListenerEndpointRegistry listeners;

    private CommandSideApi api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.register(registry, "command_side", BROKER);
        registry.add("shutter.export.push-dispatcher-url", PUSH_DISPATCHER::url);
    }

    /** Leaves the shared broker as it was: the listener stops first so nothing re-declares the queues. */
    @AfterAll
    void removeBrokerObjects() {
        listeners.stop();
        BROKER.removeFrom(amqpAdmin);
    }

    /**
     * Classes share one application context, and so one broker namespace, which the class before may have removed:
     * the exchange and queues are declared again and the listeners started.
     */
    @BeforeAll
    void connectApi() {
        if (amqpAdmin instanceof RabbitAdmin admin) {
            admin.initialize();
        }
        listeners.start();
        api = new CommandSideApi(http, jdbc, objectMapper, rabbitTemplate);
    }

    protected ResponseEntity<JsonNode> call(HttpMethod method, String path, String token, Object body) {
        return api.call(method, path, token, body);
    }

    protected String register(String username) {
        return api.register(username);
    }

    protected String tokenOf(String username) {
        return api.tokenOf(username, username);
    }

    /** Logs in as {@code username}, who registered through {@link #register}, typing {@code login}. */
    protected String tokenOf(String login, String username) {
        return api.tokenOf(login, username);
    }

    protected static String uniqueName(String prefix) {
        return CommandSideApi.uniqueName(prefix);
    }

    protected long eventCount(String aggregateId, Class<?> type) {
        return api.eventCount(aggregateId, type);
    }

    protected JsonNode storedPayload(String aggregateId, Class<?> type) throws Exception {
        return api.storedPayload(aggregateId, type);
    }

    /**
     * The events of {@code type} of one aggregate, oldest first, read as the application reads them: through the event
     * store, personal data opened (the stored payloads hold it sealed).
     */
    protected <T> List<T> storedEvents(String aggregateId, Class<T> type) {
        return eventStore
                .readEvents(aggregateId)
                .asStream()
                .map(event -> event.getPayload())
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /**
     * Publishes a post of one new photo as its author: the photo is announced as media-uploader does and, once the
     * command side knows it, posted over HTTP. Answers the post's id.
     */
    protected String publishPost(String authorId, String token, String caption) {
        String media = UUID.randomUUID().toString();
        publishMediaStored(media, authorId);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        jdbc.queryForObject("SELECT count(*) FROM media WHERE media_id = ?", Long.class, media) == 1);
        return createdId(
                call(HttpMethod.POST, "/api/posts", token, Map.of("caption", caption, "mediaIds", List.of(media))));
    }

    /** The id of what a 201 answer created; fails on any other answer. */
    protected static String createdId(ResponseEntity<JsonNode> answer) {
        assertThat(answer.getStatusCode()).as(String.valueOf(answer)).isEqualTo(HttpStatus.CREATED);
        return answer.getBody().get("id").asText();
    }

    protected static void assertSucceeded(ResponseEntity<JsonNode> answer) {
        assertThat(answer.getStatusCode().is2xxSuccessful())
                .as(String.valueOf(answer))
                .isTrue();
    }

    protected void publishMediaStored(String mediaId, String ownerId) {
        api.publishMediaStored(EXCHANGE, mediaId, ownerId);
    }

    protected Message awaitRelayed(String queue, String aggregateId) {
        return api.awaitRelayed(queue, aggregateId);
    }

    protected PostPublished relayedPostPublished(Message message, String postId) throws Exception {
        return api.relayedPostPublished(message, EXCHANGE, postId);
    }
}
