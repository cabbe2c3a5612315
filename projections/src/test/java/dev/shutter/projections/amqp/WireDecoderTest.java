package dev.shutter.projections.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.post.PostPublished;
import dev.shutter.projections.view.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

class WireDecoderTest {

    private final ObjectMapper objectMapper = Jackson2ObjectMapperBuilder.json().build();
    private final WireDecoder decoder = new WireDecoder(objectMapper);

    @Test
    void decodesTheEventAndItsHeaders() throws Exception {
        PostPublished event =
                new PostPublished("p1", "alice", "Sunset", List.of("m1"), Instant.parse("2024-01-01T10:00:00Z"));
        Message message = message(PostPublished.class.getName(), objectMapper.writeValueAsBytes(event));

        EventEnvelope envelope = decoder.decode(message);

        assertThat(envelope.payload()).isEqualTo(event);
        assertThat(envelope.eventId()).isEqualTo("e1");
        assertThat(envelope.aggregateId()).isEqualTo("p1");
        assertThat(envelope.sequence()).isEqualTo(3L);
        assertThat(envelope.globalIndex()).isEqualTo(42L);
        assertThat(envelope.timestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    }

    @Test
    void acceptsNumericHeadersOfAnyWidth() throws Exception {
        Message message = message(
                PostPublished.class.getName(),
                objectMapper.writeValueAsBytes(new PostPublished("p1", "a", "c", List.of(), Instant.now())));
        message.getMessageProperties().setHeader(WireHeaders.AGGREGATE_SEQUENCE, 3);
        message.getMessageProperties().setHeader(WireHeaders.GLOBAL_INDEX, "42");

        EventEnvelope envelope = decoder.decode(message);

        assertThat(envelope.sequence()).isEqualTo(3L);
        assertThat(envelope.globalIndex()).isEqualTo(42L);
    }

    @Test
    void rejectsAnUnknownTypeWithoutRequeue() {
        Message message = message("com.example.Unknown", "{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> decoder.decode(message)).isInstanceOf(AmqpRejectAndDontRequeueException.class);
    }

    @Test
    void rejectsAnUnreadableBodyWithoutRequeue() {
        Message message = message(PostPublished.class.getName(), "not json".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> decoder.decode(message)).isInstanceOf(AmqpRejectAndDontRequeueException.class);
    }

    @Test
    void rejectsAnEventWithoutItsAggregateSequence() throws Exception {
        Message message = message(
                PostPublished.class.getName(),
                objectMapper.writeValueAsBytes(new PostPublished("p1", "a", "c", List.of(), Instant.now())));
        message.getMessageProperties().getHeaders().remove(WireHeaders.AGGREGATE_SEQUENCE);

        assertThatThrownBy(() -> decoder.decode(message)).isInstanceOf(AmqpRejectAndDontRequeueException.class);
    }

    private static Message message(String type, byte[] body) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setHeader(WireHeaders.MESSAGE_ID, "e1");
        properties.setHeader(WireHeaders.MESSAGE_TYPE, type);
        properties.setHeader(WireHeaders.TIMESTAMP, 1_700_000_000_000L);
        properties.setHeader(WireHeaders.AGGREGATE_ID, "p1");
        properties.setHeader(WireHeaders.AGGREGATE_SEQUENCE, 3L);
        properties.setHeader(WireHeaders.GLOBAL_INDEX, 42L);
        return new Message(body, properties);
    }
}
