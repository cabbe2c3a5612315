package dev.shutter.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.media.MediaStored;
import dev.shutter.events.post.PostPublished;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How the command-side integration tests drive a running command side: its HTTP API, its event
 * store and the broker it reads from and relays to. Shared by tests whose infrastructure differs.
 */
final class CommandSideApi {

    private final TestRestTemplate http;
    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final RabbitTemplate rabbit;

    CommandSideApi(TestRestTemplate http, JdbcTemplate jdbc, ObjectMapper objectMapper, RabbitTemplate rabbit) {
        this.http = http;
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.rabbit = rabbit;
    }

    static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    ResponseEntity<JsonNode> call(HttpMethod method, String path, String token, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    String register(String username) {
        ResponseEntity<JsonNode> response = call(
                HttpMethod.POST,
                "/api/users",
                null,
                Map.of(
                        "username", username,
                        "email", username + "@example.com",
                        "password", "correct horse " + username,
                        "displayName", "User " + username));
        assertThat(response.getStatusCode())
                .as("registration of %s: %s", username, response)
                .isEqualTo(HttpStatus.CREATED);
        return response.getBody().get("id").asText();
    }

    /** Logs in as {@code username}, who registered through {@link #register}, typing {@code login}. */
    String tokenOf(String login, String username) {
        ResponseEntity<JsonNode> response = call(
                HttpMethod.POST,
                "/api/auth/token",
                null,
                Map.of("login", login, "password", "correct horse " + username));
        assertThat(response.getStatusCode())
                .as("login of %s: %s", username, response)
                .isEqualTo(HttpStatus.OK);
        return response.getBody().get("accessToken").asText();
    }

    long eventCount(String aggregateId, Class<?> type) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
                Long.class,
                aggregateId,
                type.getName());
    }

    JsonNode storedPayload(String aggregateId, Class<?> type) throws Exception {
        byte[] payload = jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
                byte[].class,
                aggregateId,
                type.getName());
        return objectMapper.readTree(new String(payload, StandardCharsets.UTF_8));
    }

    /** MediaStored as media-uploader publishes it: no aggregate type and no global index. */
    void publishMediaStored(String exchange, String mediaId, String ownerId) {
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
                    exchange,
                    AmqpTopology.routingKey(MediaStored.class),
                    new Message(objectMapper.writeValueAsBytes(media), properties));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first message in {@code queue} about {@code aggregateId}, skipping those about others. */
    Message awaitRelayed(String queue, String aggregateId) {
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

    /**
     * Checks that {@code message} is the PostPublished event {@code postId} as the relay must publish
     * it to {@code exchange} (persistent JSON with every wire header, ids as in the event store).
     */
    PostPublished relayedPostPublished(Message message, String exchange, String postId) throws Exception {
        MessageProperties properties = message.getMessageProperties();
        assertThat(properties.getReceivedExchange()).isEqualTo(exchange);
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
        return objectMapper.readValue(message.getBody(), PostPublished.class);
    }
}
