package dev.shutter.projections.amqp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.EventCatalog;
import dev.shutter.events.WireHeaders;
import dev.shutter.projections.view.EventEnvelope;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;

/**
 * Turns an AMQP message of the Shutter wire format into an {@link EventEnvelope}. A message that
 * is not a Shutter event is rejected without requeue, so it ends in the dead-letter queue.
 */
@Component
class WireDecoder {

    private final ObjectMapper objectMapper;

    WireDecoder(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    EventEnvelope decode(Message message) {
        Map<String, Object> headers = message.getMessageProperties().getHeaders();
        String type = text(headers, WireHeaders.MESSAGE_TYPE);
        Class<? extends Record> eventType = EventCatalog.typeNamed(type)
                .orElseThrow(() -> new AmqpRejectAndDontRequeueException("Unknown event type " + type));
        Record payload;
        try {
            payload = objectMapper.readValue(message.getBody(), eventType);
        } catch (IOException e) {
            throw new AmqpRejectAndDontRequeueException("Unreadable body of a " + type, e);
        }
        Long sequence = number(headers, WireHeaders.AGGREGATE_SEQUENCE);
        String eventId = text(headers, WireHeaders.MESSAGE_ID);
        String aggregateId = text(headers, WireHeaders.AGGREGATE_ID);
        if (eventId == null || aggregateId == null || sequence == null || payload == null) {
            throw new AmqpRejectAndDontRequeueException("Event " + eventId + " of type " + type
                    + " lacks its id, aggregate id, aggregate sequence or body");
        }
        Long timestamp = number(headers, WireHeaders.TIMESTAMP);
        return new EventEnvelope(
                eventId,
                aggregateId,
                sequence,
                number(headers, WireHeaders.GLOBAL_INDEX),
                timestamp != null ? Instant.ofEpochMilli(timestamp) : null,
                payload);
    }

    private static String text(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        return value != null ? value.toString() : null;
    }

    private static Long number(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            throw new AmqpRejectAndDontRequeueException("Header " + name + " is not a number: " + value, e);
        }
    }
}
