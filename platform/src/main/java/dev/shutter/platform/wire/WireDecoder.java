package dev.shutter.platform.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.EventCatalog;
import dev.shutter.events.WireHeaders;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.springframework.amqp.core.Message;

/**
 * Reads the Shutter wire format (see {@link WireHeaders}): the event type from its header (or the routing key), the
 * record from the JSON body, the event id, aggregate id and aggregate sequence from their headers. Whatever lacks one
 * of them is {@link UndecodableMessageException undecodable}.
 */
public final class WireDecoder {

    private final ObjectMapper objectMapper;

    public WireDecoder(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public WireEvent decode(Message message) {
        Map<String, Object> headers = message.getMessageProperties().getHeaders();
        String typeName = text(headers.get(WireHeaders.MESSAGE_TYPE));
        if (typeName == null) {
            typeName = message.getMessageProperties().getReceivedRoutingKey();
        }
        String type = typeName;
        Class<? extends Record> eventType = EventCatalog.typeNamed(type)
                .orElseThrow(() -> new UndecodableMessageException("unknown event type " + type));
        String eventId = required(headers, WireHeaders.MESSAGE_ID);
        String aggregateId = required(headers, WireHeaders.AGGREGATE_ID);
        Long sequence = number(headers.get(WireHeaders.AGGREGATE_SEQUENCE), WireHeaders.AGGREGATE_SEQUENCE);
        if (sequence == null) {
            throw new UndecodableMessageException("missing " + WireHeaders.AGGREGATE_SEQUENCE + " header");
        }
        Long timestamp = number(headers.get(WireHeaders.TIMESTAMP), WireHeaders.TIMESTAMP);
        return new WireEvent(
                eventId,
                aggregateId,
                sequence,
                globalIndex(headers.get(WireHeaders.GLOBAL_INDEX)),
                timestamp != null ? Instant.ofEpochMilli(timestamp) : null,
                payload(message.getBody(), eventType));
    }

    private Record payload(byte[] body, Class<? extends Record> type) {
        Record payload;
        try {
            payload = body == null ? null : objectMapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new UndecodableMessageException(
                    "unreadable body of a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UndecodableMessageException("unreadable body of a " + type.getSimpleName(), e);
        }
        if (payload == null) {
            throw new UndecodableMessageException("empty body of a " + type.getSimpleName());
        }
        return payload;
    }

    /** The position in the event store is bookkeeping only: a missing or odd header does not make an event unusable. */
    private static Long globalIndex(Object header) {
        try {
            return number(header, WireHeaders.GLOBAL_INDEX);
        } catch (UndecodableMessageException e) {
            return null;
        }
    }

    private static String required(Map<String, Object> headers, String name) {
        String value = text(headers.get(name));
        if (value == null) {
            throw new UndecodableMessageException("missing " + name + " header");
        }
        return value;
    }

    private static Long number(Object header, String name) {
        if (header instanceof Number number) {
            return number.longValue();
        }
        String text = text(header);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new UndecodableMessageException("header " + name + " is not a number: " + abbreviated(text), e);
        }
    }

    private static String text(Object header) {
        if (header == null) {
            return null;
        }
        String text = header.toString();
        return text.isBlank() ? null : text;
    }

    private static String abbreviated(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
