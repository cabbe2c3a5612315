package dev.shutter.command.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.command.BrokerObjects;
import dev.shutter.command.LocalInfrastructure;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.media.MediaDeleted;
import dev.shutter.events.media.MediaRejected;
import dev.shutter.events.media.MediaStored;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.core.AmqpAdmin;
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
 * media-uploader reports stored, rejected and deleted media; only stored ones can be posted. What cannot be applied is
 * parked in the media consumer's dead letters, which an admin lists, retries and drops.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=command-side")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaEventsIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final BrokerObjects BROKER = BrokerObjects.forRun(RUN);
    private static final String EXCHANGE = BROKER.exchange();
    private static final String MEDIA_QUEUE = BROKER.mediaQueue();
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    /** A token with the admin account's scopes. */
    private static final String ADMIN = TestInfrastructure.jwtKeys()
            .token(UUID.randomUUID().toString(), "admin", Set.of("user", "admin"), Duration.ofMinutes(30));

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private RabbitTemplate rabbit;

    @Autowired
    private ObjectMapper objectMapper;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private AmqpAdmin amqpAdmin;

    @Autowired
    private RabbitListenerEndpointRegistry listeners;

    private final String owner = UUID.randomUUID().toString();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.register(registry, "command_side_media", BROKER);
    }

    @AfterAll
    void removeBrokerObjects() {
        listeners.stop();
        BROKER.removeFrom(amqpAdmin);
    }

    @Test
    void aStoredPhotoCanBePostedByItsUploader() throws Exception {
        String media = UUID.randomUUID().toString();
        publish(media, 0, new MediaStored(media, owner, "image/jpeg", 1080, 720, Instant.now()));
        awaitState(media, "STORED");

        assertThat(post(owner, media).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aRejectedUploadCanNeverBePosted() throws Exception {
        String media = UUID.randomUUID().toString();
        publish(media, 0, new MediaRejected(media, owner, "UNSUPPORTED_MEDIA_TYPE", Instant.now()));
        awaitState(media, "REJECTED");

        assertCode(post(owner, media), "MEDIA_NOT_READY");
    }

    @Test
    void aDeletedPhotoCanNoLongerBePostedEvenAfterARedeliveredMediaStored() throws Exception {
        String media = UUID.randomUUID().toString();
        MediaStored stored = new MediaStored(media, owner, "image/png", 640, 480, Instant.now());
        publish(media, 0, stored);
        awaitState(media, "STORED");

        publish(media, 1, new MediaDeleted(media, owner, Instant.now()));
        awaitState(media, "DELETED");
        publish(media, 0, stored);
        publish(media, 1, new MediaDeleted(media, owner, Instant.now()));
        String later = UUID.randomUUID().toString();
        publish(later, 0, new MediaStored(later, owner, "image/png", 10, 10, Instant.now()));
        awaitState(later, "STORED");

        assertThat(state(media)).isEqualTo("DELETED");
        assertCode(post(owner, media), "MEDIA_NOT_READY");
        assertThat(post(owner, later).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void anotherUsersDeletedPhotoIsStillNotTheirs() throws Exception {
        String media = UUID.randomUUID().toString();
        publish(media, 0, new MediaStored(media, owner, "image/png", 640, 480, Instant.now()));
        publish(media, 1, new MediaDeleted(media, owner, Instant.now()));
        awaitState(media, "DELETED");

        assertCode(post(UUID.randomUUID().toString(), media), "MEDIA_NOT_OWNED");
    }

    @Test
    void anUnknownMediaEventIsParkedAtOnceAndTheNextPhotoFlows() throws Exception {
        String media = UUID.randomUUID().toString();
        rabbit.send(
                EXCHANGE,
                "dev.shutter.events.media.MediaRenamed",
                MessageBuilder.withBody("{}".getBytes())
                        .setHeader(WireHeaders.MESSAGE_ID, UUID.randomUUID().toString())
                        .setHeader(WireHeaders.MESSAGE_TYPE, "dev.shutter.events.media.MediaRenamed")
                        .setHeader(WireHeaders.AGGREGATE_ID, media)
                        .setHeader(WireHeaders.AGGREGATE_SEQUENCE, 0L)
                        .build());
        String next = UUID.randomUUID().toString();
        publish(next, 0, new MediaStored(next, owner, "image/jpeg", 10, 10, Instant.now()));
        awaitState(next, "STORED");

        JsonNode letter = awaitDeadLetterOf(media);
        assertThat(letter.get("eventType").asText()).isEqualTo("dev.shutter.events.media.MediaRenamed");
        assertThat(letter.get("reason").asText()).contains("unknown event type");
        assertThat(letter.get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void anIncompleteMediaStoredIsParkedOnceWithItsReasonHoldsItsPhotoBackAndLetsOthersFlow() throws Exception {
        String poisoned = UUID.randomUUID().toString();
        publish(poisoned, 0, new MediaStored(poisoned, null, "image/jpeg", 1080, 720, Instant.now()));
        String other = UUID.randomUUID().toString();
        publish(other, 0, new MediaStored(other, owner, "image/jpeg", 1080, 720, Instant.now()));
        awaitState(other, "STORED");

        JsonNode letter = awaitDeadLetterOf(poisoned);
        assertThat(letter.get("eventType").asText()).isEqualTo(MediaStored.class.getName());
        assertThat(letter.get("reason").asText()).contains("Incomplete MediaStored message");
        assertThat(letter.get("attempts").asInt()).isEqualTo(5);
        assertThat(letter.get("aggregateSequence").asLong()).isZero();

        // Parked, not looped: a photo published after it is stored, and the poisoned one was tried no more.
        String later = UUID.randomUUID().toString();
        publish(later, 0, new MediaStored(later, owner, "image/png", 10, 10, Instant.now()));
        awaitState(later, "STORED");
        assertThat(deadLettersOf(poisoned)).hasSize(1);
        assertThat(deadLettersOf(poisoned).get(0).get("attempts").asInt()).isEqualTo(5);
        assertThat(amqpAdmin.getQueueInfo(MEDIA_QUEUE).getMessageCount()).isZero();

        // A later event of the same photo waits behind it, in order.
        publish(poisoned, 1, new MediaDeleted(poisoned, owner, Instant.now()));
        await().atMost(DEADLINE).until(() -> deadLettersOf(poisoned).size() == 2);
        List<JsonNode> sequence = deadLettersOf(poisoned);
        assertThat(sequence.get(1).get("eventType").asText()).isEqualTo(MediaDeleted.class.getName());
        assertThat(sequence.get(1).get("attempts").asInt()).isZero();
        assertThat(state(poisoned)).isNull();

        // Only the oldest of a photo can be retried alone; retrying the photo stops at the first that fails again.
        ResponseEntity<JsonNode> notFirst = admin(
                HttpMethod.POST, "/dead-letters/" + sequence.get(1).get("id").asText() + "/retry", ADMIN);
        assertThat(notFirst.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(notFirst.getBody().get("code").asText()).isEqualTo("DEAD_LETTER_NOT_FIRST");
        ResponseEntity<JsonNode> retried =
                admin(HttpMethod.POST, "/dead-letters/aggregates/" + poisoned + "/retry", ADMIN);
        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retried.getBody().get("applied").asInt()).isZero();
        assertThat(retried.getBody().get("remaining").asInt()).isEqualTo(2);
        assertThat(retried.getBody().get("failure").asText()).contains("Incomplete MediaStored message");

        // Dropping the broken one lets the rest of the photo's sequence be applied.
        ResponseEntity<JsonNode> dropped = admin(
                HttpMethod.DELETE, "/dead-letters/" + sequence.get(0).get("id").asText(), ADMIN);
        assertThat(dropped.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<JsonNode> applied =
                admin(HttpMethod.POST, "/dead-letters/aggregates/" + poisoned + "/retry", ADMIN);
        assertThat(applied.getBody().get("applied").asInt()).isEqualTo(1);
        assertThat(applied.getBody().get("remaining").asInt()).isZero();
        assertThat(state(poisoned)).isEqualTo("DELETED");
        assertThat(deadLettersOf(poisoned)).isEmpty();
    }

    @Test
    void theConsumersDeadLettersAreForTheAdminScopeOnly() {
        String user = TestInfrastructure.jwtKeys()
                .token(UUID.randomUUID().toString(), "ada", Set.of("user"), Duration.ofMinutes(5));

        ResponseEntity<JsonNode> anonymous = admin(HttpMethod.GET, "/dead-letters", null);
        ResponseEntity<JsonNode> notAdmin = admin(HttpMethod.GET, "/dead-letters", user);
        ResponseEntity<JsonNode> byAdmin = admin(HttpMethod.GET, "/dead-letters", ADMIN);
        ResponseEntity<JsonNode> consumers = exchange(HttpMethod.GET, "/api/admin/consumers", ADMIN);
        ResponseEntity<JsonNode> consumersNotAdmin = exchange(HttpMethod.GET, "/api/admin/consumers", user);

        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(notAdmin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(notAdmin.getBody().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(consumersNotAdmin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byAdmin.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(byAdmin.getBody().get("consumer").asText()).isEqualTo("command-side.media");
        assertThat(consumers.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(consumers.getBody().findValuesAsText("name"))
                .containsExactly("command-side.devices", "command-side.media");
    }

    private void publish(String mediaId, long sequence, Record event) throws Exception {
        String eventId = UUID.randomUUID().toString();
        rabbit.send(
                EXCHANGE,
                AmqpTopology.routingKey(event.getClass()),
                MessageBuilder.withBody(objectMapper.writeValueAsBytes(event))
                        .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                        .setHeader(WireHeaders.MESSAGE_ID, eventId)
                        .setHeader(WireHeaders.MESSAGE_TYPE, event.getClass().getName())
                        .setHeader(WireHeaders.TIMESTAMP, Instant.now().toEpochMilli())
                        .setHeader(WireHeaders.AGGREGATE_ID, mediaId)
                        .setHeader(WireHeaders.AGGREGATE_SEQUENCE, sequence)
                        .build());
    }

    private JsonNode awaitDeadLetterOf(String mediaId) {
        await().atMost(DEADLINE).until(() -> !deadLettersOf(mediaId).isEmpty());
        return deadLettersOf(mediaId).get(0);
    }

    /** The photo's dead letters as the admin API lists them, oldest first. */
    private List<JsonNode> deadLettersOf(String mediaId) {
        ResponseEntity<JsonNode> page = admin(HttpMethod.GET, "/dead-letters?limit=500", ADMIN);
        assertThat(page.getStatusCode()).as(String.valueOf(page)).isEqualTo(HttpStatus.OK);
        List<JsonNode> letters = new ArrayList<>();
        page.getBody().get("deadLetters").forEach(letter -> {
            if (mediaId.equals(letter.get("aggregateId").asText())) {
                letters.add(letter);
            }
        });
        return letters;
    }

    /** A call to the admin API of the media consumer. */
    private ResponseEntity<JsonNode> admin(HttpMethod method, String path, String token) {
        return exchange(method, "/api/admin/consumers/command-side.media" + path, token);
    }

    private ResponseEntity<JsonNode> exchange(HttpMethod method, String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, method, new HttpEntity<>(headers), JsonNode.class);
    }

    private void awaitState(String mediaId, String state) {
        await().atMost(DEADLINE).until(() -> state.equals(state(mediaId)));
    }

    private String state(String mediaId) {
        List<String> states = jdbc.queryForList("SELECT state FROM media WHERE media_id = ?", String.class, mediaId);
        return states.isEmpty() ? null : states.get(0);
    }

    private ResponseEntity<JsonNode> post(String userId, String mediaId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TestInfrastructure.jwtKeys().token(userId, "ada", Set.of("user"), Duration.ofMinutes(5)));
        return http.exchange(
                "/api/posts",
                HttpMethod.POST,
                new HttpEntity<>(Map.of("caption", "", "mediaIds", List.of(mediaId)), headers),
                JsonNode.class);
    }

    private static void assertCode(ResponseEntity<JsonNode> response, String code) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(response.getBody().get("code").asText()).isEqualTo(code);
    }
}
