package dev.shutter.platform.outbox;

import dev.shutter.events.WireHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/**
 * One event waiting in a document's outbox to be published: the AMQP message exactly as it goes on the wire, so that
 * publishing it again after a failure sends the same event (same id, same headers, same body).
 *
 * @param id the event id ({@link WireHeaders#MESSAGE_ID}), stable across republishes
 * @param routingKey the event type's routing key
 * @param headers the wire headers ({@link WireHeaders}): strings and numbers
 * @param body the event record as JSON
 * @param recordedAt when it was put in the outbox
 */
public record OutboxMessage(
        String id, String routingKey, Map<String, Object> headers, String body, Instant recordedAt) {

    static final String ID = "id";
    static final String ROUTING_KEY = "routingKey";
    static final String HEADERS = "headers";
    static final String BODY = "body";
    static final String RECORDED_AT = "recordedAt";

    public OutboxMessage {
        headers = Map.copyOf(headers);
    }

    /** The event type, as its header names it. */
    public String eventType() {
        Object type = headers.get(WireHeaders.MESSAGE_TYPE);
        return type == null ? routingKey : type.toString();
    }

    /** The element stored in a document's outbox array. */
    public Document toDocument() {
        return new Document(ID, id)
                .append(ROUTING_KEY, routingKey)
                .append(HEADERS, new Document(headers))
                .append(BODY, body)
                .append(RECORDED_AT, Date.from(recordedAt));
    }

    static OutboxMessage fromDocument(Document document) {
        Document headers = document.get(HEADERS, Document.class);
        Date recordedAt = document.getDate(RECORDED_AT);
        return new OutboxMessage(
                document.getString(ID),
                document.getString(ROUTING_KEY),
                headers == null ? Map.of() : new LinkedHashMap<>(headers),
                document.getString(BODY),
                recordedAt == null ? Instant.EPOCH : recordedAt.toInstant());
    }

    /** The persistent JSON message of the wire format, its AMQP message id and timestamp those of the event. */
    Message toAmqpMessage() {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(id);
        if (headers.get(WireHeaders.TIMESTAMP) instanceof Number millis) {
            properties.setTimestamp(new Date(millis.longValue()));
        }
        headers.forEach(properties::setHeader);
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }
}
