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

/** media-uploader reports stored, rejected and deleted media; only stored ones can be posted. */
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
    void anUnknownMediaEventGoesToTheDeadLetterQueue() {
        rabbit.send(
                EXCHANGE,
                "dev.shutter.events.media.MediaRenamed",
                MessageBuilder.withBody("{}".getBytes())
                        .setHeader(WireHeaders.MESSAGE_TYPE, "dev.shutter.events.media.MediaRenamed")
                        .build());

        Message dead = rabbit.receive(AmqpTopology.deadLetterQueue(MEDIA_QUEUE), DEADLINE.toMillis());

        assertThat(dead).isNotNull();
        assertThat(dead.getMessageProperties().getHeaders().get(WireHeaders.MESSAGE_TYPE))
                .hasToString("dev.shutter.events.media.MediaRenamed");
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
