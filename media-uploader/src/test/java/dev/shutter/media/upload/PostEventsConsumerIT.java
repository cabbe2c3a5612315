package dev.shutter.media.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.media.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The service's queue on the platform's ordered consumer: poison is parked once, with its reason; the rest flows. */
class PostEventsConsumerIT extends MediaUploaderIntegrationTest {

    private static final String DEAD_LETTERS = "/api/admin/consumers/media-uploader/dead-letters?limit=500";

    @Test
    void aPostPublishedOfNullsIsParkedOnceWithItsReasonWhileOtherEventsFlow() throws Exception {
        String poisoned = UUID.randomUUID().toString();
        publishRaw(poisoned, PostPublished.class, "{\"postId\":null,\"authorId\":null,\"mediaIds\":null}");
        String photo = uploaded(TestImages.jpeg(64, 64));
        String post = UUID.randomUUID().toString();

        publishEvent(post, 0, new PostPublished(post, ownerId, "", List.of(photo), Instant.now()));

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        mongo.findById(photo, MediaDocument.class).postIds().contains(post));
        List<JsonNode> letters = deadLettersOf(poisoned);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.get("eventType").asText()).isEqualTo(PostPublished.class.getName());
            assertThat(letter.get("reason").asText()).contains("incomplete PostPublished");
            assertThat(letter.get("attempts").asInt()).isEqualTo(5);
        });
        Thread.sleep(1_000);
        assertThat(deadLettersOf(poisoned))
                .as("parked once, not delivered again")
                .singleElement()
                .satisfies(letter -> assertThat(letter.get("attempts").asInt()).isEqualTo(5));
    }

    @Test
    void aMessageThatIsNoEventAtAllIsParkedAtOnce() throws Exception {
        String aggregate = UUID.randomUUID().toString();

        publishRaw(aggregate, PostDeleted.class, "{not json");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !deadLettersOf(aggregate).isEmpty());
        assertThat(deadLettersOf(aggregate)).singleElement().satisfies(letter -> {
            assertThat(letter.get("reason").asText()).startsWith("not a Shutter event");
            assertThat(letter.get("attempts").asInt()).isEqualTo(1);
        });
    }

    @Test
    void theConsumerAdminApiNeedsTheAdminScope() throws IOException {
        assertProblem(get("/api/admin/consumers", null), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        assertThat(get("/api/admin/consumers", token()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(HttpMethod.DELETE, "/api/admin/consumers/media-uploader/dead-letters/x", token(), null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<String> consumers = get("/api/admin/consumers", adminToken());

        assertThat(consumers.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(consumers.getBody()).findValuesAsText("name")).contains("media-uploader");
    }

    private List<JsonNode> deadLettersOf(String aggregateId) throws IOException {
        ResponseEntity<String> page = get(DEAD_LETTERS, adminToken());
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<JsonNode> letters = new ArrayList<>();
        for (JsonNode letter : json.readTree(page.getBody()).get("deadLetters")) {
            if (aggregateId.equals(letter.get("aggregateId").asText())) {
                letters.add(letter);
            }
        }
        return letters;
    }

    private void publishRaw(String aggregateId, Class<?> type, String body) {
        rabbit.send(
                EXCHANGE,
                AmqpTopology.routingKey(type),
                MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                        .setContentType(MediaType.APPLICATION_JSON_VALUE)
                        .setHeader(WireHeaders.MESSAGE_ID, UUID.randomUUID().toString())
                        .setHeader(WireHeaders.MESSAGE_TYPE, type.getName())
                        .setHeader(WireHeaders.AGGREGATE_ID, aggregateId)
                        .setHeader(WireHeaders.AGGREGATE_SEQUENCE, 0L)
                        .build());
    }

    private static String adminToken() {
        return TestInfrastructure.jwtKeys()
                .token(UUID.randomUUID().toString(), "admin", Set.of("user", "admin"), Duration.ofMinutes(5));
    }
}
