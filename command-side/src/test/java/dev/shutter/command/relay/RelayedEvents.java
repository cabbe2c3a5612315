package dev.shutter.command.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.WireHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the relay tests look at: the relay's token, the events it stands for, and what reached a queue. */
final class RelayedEvents {

    private final TestRestTemplate http;
    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final RabbitTemplate rabbit;

    RelayedEvents(TestRestTemplate http, JdbcTemplate jdbc, ObjectMapper objectMapper, RabbitTemplate rabbit) {
        this.http = http;
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.rabbit = rabbit;
    }

    /** Registers a new user over HTTP; answers the user's id, the aggregate of its {@code UserRegistered}. */
    String register() {
        String name = "relay_" + UUID.randomUUID().toString().substring(0, 8);
        var response = http.postForEntity(
                "/api/users",
                Map.of(
                        "username",
                        name,
                        "email",
                        name + "@example.com",
                        "password",
                        "correct horse battery",
                        "displayName",
                        "Relay"),
                JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return response.getBody().get("id").asText();
    }

    /** The position in the event store of the first event of an aggregate. */
    long globalIndexOf(String aggregateId) {
        return jdbc.queryForObject(
                "SELECT min(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                aggregateId);
    }

    /** The position the relay's token stands at: every event up to it is in the broker's queues. */
    long relayPosition() throws Exception {
        var tokens = jdbc.queryForList(
                "SELECT token FROM token_entry WHERE processor_name = ? AND token IS NOT NULL",
                byte[].class,
                AmqpRelay.PROCESSING_GROUP);
        if (tokens.isEmpty()) {
            return -1;
        }
        return objectMapper.readTree(tokens.get(0)).path("index").asLong(-1);
    }

    /** The first message in {@code queue} about the aggregate, skipping (and taking) those about others; or null. */
    Message takeFrom(String queue, String aggregateId, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = rabbit.receive(queue, 500);
            if (message != null
                    && aggregateId.equals(String.valueOf(
                            message.getMessageProperties().getHeaders().get(WireHeaders.AGGREGATE_ID)))) {
                return message;
            }
        }
        return null;
    }

    /** Whether a topic binding pattern ({@code *} one word, {@code #} any number of words) matches a routing key. */
    static boolean matches(String pattern, String routingKey) {
        StringBuilder regex = new StringBuilder();
        String[] words = pattern.split("\\.");
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (word.equals("#")) {
                regex.append(i == 0 ? "(.+)?" : "(\\..+)?");
                continue;
            }
            if (i > 0) {
                regex.append("\\.");
            }
            regex.append(word.equals("*") ? "[^.]+" : Pattern.quote(word));
        }
        return routingKey.matches(regex.toString());
    }
}
