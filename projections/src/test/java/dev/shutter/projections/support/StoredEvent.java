package dev.shutter.projections.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.projections.view.EventEnvelope;
import java.time.Instant;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/** An event as the command side stores and relays it. */
public record StoredEvent(
        long globalIndex,
        String eventId,
        String aggregateType,
        String aggregateId,
        long sequence,
        Instant timestamp,
        Record payload) {

    public static StoredEvent of(
            long globalIndex, String aggregateType, String aggregateId, long sequence, Record payload) {
        return new StoredEvent(
                globalIndex,
                UUID.randomUUID().toString(),
                aggregateType,
                aggregateId,
                sequence,
                Instant.now(),
                payload);
    }

    /** The event as the projections receive it. */
    public EventEnvelope envelope() {
        return new EventEnvelope(eventId, aggregateId, sequence, globalIndex, timestamp, payload);
    }

    public String routingKey() {
        return AmqpTopology.routingKey(payload.getClass());
    }

    /** The AMQP message of the event in the Shutter wire format. */
    public Message message(ObjectMapper objectMapper) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("UTF-8");
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setHeader(WireHeaders.MESSAGE_ID, eventId);
        properties.setHeader(WireHeaders.MESSAGE_TYPE, payload.getClass().getName());
        properties.setHeader(WireHeaders.TIMESTAMP, timestamp.toEpochMilli());
        properties.setHeader(WireHeaders.AGGREGATE_ID, aggregateId);
        properties.setHeader(WireHeaders.AGGREGATE_SEQUENCE, sequence);
        properties.setHeader(WireHeaders.AGGREGATE_TYPE, aggregateType);
        properties.setHeader(WireHeaders.GLOBAL_INDEX, globalIndex);
        return new Message(json(objectMapper), properties);
    }

    public byte[] json(ObjectMapper objectMapper) {
        try {
            return objectMapper.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
