package dev.shutter.push.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.post.PostPublished;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;

class WireDecoderTest {

    private static final String POST_JSON =
            """
            {"postId":"p1","authorId":"u1","caption":"hi","mediaIds":["m1"],"publishedAt":"2026-01-02T03:04:05Z"}""";

    private final ObjectMapper objectMapper =
            JsonMapper.builder().findAndAddModules().build();
    private final WireDecoder decoder = new WireDecoder(objectMapper);

    @Test
    void readsTheEventAndItsIdempotencyHeaders() {
        LiveEvent event = decoder.decode(message(POST_JSON, PostPublished.class.getName(), "e1", 4L));

        assertThat(event.eventId()).isEqualTo("e1");
        assertThat(event.aggregateId()).isEqualTo("p1");
        assertThat(event.sequenceNumber()).isEqualTo(4L);
        assertThat(event.payload())
                .isEqualTo(new PostPublished("p1", "u1", "hi", List.of("m1"), Instant.parse("2026-01-02T03:04:05Z")));
    }

    @Test
    void acceptsASequenceNumberSentAsText() {
        Message message = message(POST_JSON, PostPublished.class.getName(), "e1", 4L);
        message.getMessageProperties().setHeader(WireHeaders.AGGREGATE_SEQUENCE, "7");

        assertThat(decoder.decode(message).sequenceNumber()).isEqualTo(7L);
    }

    @Test
    void rejectsAnUnknownEventType() {
        assertThatThrownBy(() -> decoder.decode(message(POST_JSON, "com.example.Unknown", "e1", 0L)))
                .isInstanceOf(AmqpRejectAndDontRequeueException.class);
    }

    @Test
    void rejectsABodyThatIsNotJson() {
        assertThatThrownBy(() -> decoder.decode(message("not json", PostPublished.class.getName(), "e1", 0L)))
                .isInstanceOf(AmqpRejectAndDontRequeueException.class);
    }

    @Test
    void rejectsAnEventWithoutId() {
        assertThatThrownBy(() -> decoder.decode(message(POST_JSON, PostPublished.class.getName(), null, 0L)))
                .isInstanceOf(AmqpRejectAndDontRequeueException.class);
    }

    private static Message message(String body, String type, String eventId, Long sequence) {
        return MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setContentType("application/json")
                .setHeader(WireHeaders.MESSAGE_TYPE, type)
                .setHeader(WireHeaders.MESSAGE_ID, eventId)
                .setHeader(WireHeaders.AGGREGATE_ID, "p1")
                .setHeader(WireHeaders.AGGREGATE_SEQUENCE, sequence)
                .build();
    }
}
