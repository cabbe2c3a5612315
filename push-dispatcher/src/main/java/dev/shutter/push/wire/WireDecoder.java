package dev.shutter.push.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.EventCatalog;
import dev.shutter.events.WireHeaders;
import java.io.IOException;
import java.util.Map;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Component;

/**
 * Reads the Shutter wire format. A message that is not a well-formed Shutter event can never be
 * handled, however often it is redelivered, so it is rejected without requeue and ends up in the
 * dead-letter queue.
 */
@Component
class WireDecoder {

    private final ObjectMapper objectMapper;

    WireDecoder(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    LiveEvent decode(Message message) {
        MessageProperties properties = message.getMessageProperties();
        Map<String, Object> headers = properties.getHeaders();
        String typeName = text(headers.get(WireHeaders.MESSAGE_TYPE));
        if (typeName == null) {
            typeName = properties.getReceivedRoutingKey();
        }
        Class<? extends Record> type = EventCatalog.typeNamed(typeName)
                .orElseThrow(() -> rejected("unknown event type " + properties.getHeader(WireHeaders.MESSAGE_TYPE)));
        String eventId = required(text(headers.get(WireHeaders.MESSAGE_ID)), WireHeaders.MESSAGE_ID);
        String aggregateId = required(text(headers.get(WireHeaders.AGGREGATE_ID)), WireHeaders.AGGREGATE_ID);
        long sequence = sequence(headers.get(WireHeaders.AGGREGATE_SEQUENCE));
        return new LiveEvent(
                eventId,
                aggregateId,
                sequence,
                payload(message.getBody(), type),
                globalIndex(headers.get(WireHeaders.GLOBAL_INDEX)));
    }

    /** The position in the event store is bookkeeping only: a missing or odd header does not reject the event. */
    private static Long globalIndex(Object header) {
        if (header instanceof Number number) {
            return number.longValue();
        }
        String text = text(header);
        if (text != null) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private Object payload(byte[] body, Class<? extends Record> type) {
        try {
            Object payload = objectMapper.readValue(body, type);
            if (payload == null) {
                throw rejected("empty body for " + type.getName());
            }
            return payload;
        } catch (IOException e) {
            throw new AmqpRejectAndDontRequeueException("unreadable body for " + type.getName(), e);
        }
    }

    private static long sequence(Object header) {
        if (header instanceof Number number) {
            return number.longValue();
        }
        String text = text(header);
        if (text != null) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw rejected("malformed " + WireHeaders.AGGREGATE_SEQUENCE + " header " + text);
            }
        }
        throw rejected("missing " + WireHeaders.AGGREGATE_SEQUENCE + " header");
    }

    private static String text(Object header) {
        if (header == null) {
            return null;
        }
        String text = header.toString();
        return text.isBlank() ? null : text;
    }

    private static String required(String value, String header) {
        if (value == null) {
            throw rejected("missing " + header + " header");
        }
        return value;
    }

    private static AmqpRejectAndDontRequeueException rejected(String reason) {
        return new AmqpRejectAndDontRequeueException("Not a Shutter event: " + reason);
    }
}
