package dev.shutter.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The transactional outbox of a service on MongoDB, which has no transaction across documents: the events a write
 * causes are stored in the very document it writes, in the array {@value #FIELD}, by the same single-document insert
 * or update. MongoDB applies a write to one document atomically, so the change and its events are stored together or
 * not at all; a crash after the write leaves the events in the document, where the {@link OutboxRelay relay} finds
 * them and publishes them, removing each one only after the broker confirmed it.
 *
 * <p>Use: {@link #watch} the collection once; build each event with {@link #event}; add it to the write with
 * {@link #record(Update, OutboxMessage...)} (an update) or {@link #record(Document, OutboxMessage...)} (an insert);
 * after the write, {@link #nudge} the relay so the event goes out at once rather than at the next poll.
 */
public final class Outbox {

    /** The array of a document that holds its pending messages. */
    public static final String FIELD = "outbox";

    private final ObjectMapper objectMapper;
    private final OutboxRelay relay;
    private final Clock clock;

    public Outbox(ObjectMapper objectMapper, OutboxRelay relay, Clock clock) {
        this.objectMapper = objectMapper;
        this.relay = relay;
        this.clock = clock;
    }

    /** Has the relay poll this collection, whose documents may carry an outbox. */
    public void watch(String collection) {
        relay.watch(collection);
    }

    /**
     * An event in the Shutter wire format ({@link WireHeaders}), to be recorded with the write that causes it.
     *
     * @param eventId its id, the same on every republish
     * @param aggregateType the kind of aggregate that emitted it ({@code Media})
     * @param aggregateId the aggregate that emitted it
     * @param sequence its position among that aggregate's events, from 0
     * @param occurredAt when it happened
     */
    public OutboxMessage event(
            String eventId, String aggregateType, String aggregateId, long sequence, Record event, Instant occurredAt) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(WireHeaders.MESSAGE_ID, eventId);
        headers.put(WireHeaders.MESSAGE_TYPE, event.getClass().getName());
        headers.put(WireHeaders.TIMESTAMP, occurredAt.toEpochMilli());
        headers.put(WireHeaders.AGGREGATE_ID, aggregateId);
        headers.put(WireHeaders.AGGREGATE_SEQUENCE, sequence);
        headers.put(WireHeaders.AGGREGATE_TYPE, aggregateType);
        return new OutboxMessage(
                eventId,
                AmqpTopology.routingKey(event.getClass()),
                headers,
                json(event),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /** The update, that now also appends the messages to the document's outbox. */
    public Update record(Update update, OutboxMessage... messages) {
        Object[] elements =
                Arrays.stream(messages).map(OutboxMessage::toDocument).toArray();
        update.push(FIELD).each(elements);
        return update;
    }

    /** The document to insert, that now also carries the messages in its outbox. */
    public Document record(Document document, OutboxMessage... messages) {
        List<Document> outbox = new ArrayList<>(document.getList(FIELD, Document.class, List.of()));
        Arrays.stream(messages).map(OutboxMessage::toDocument).forEach(outbox::add);
        document.put(FIELD, outbox);
        return document;
    }

    /** Tells the relay that this document was just written with messages: they are published in a moment. */
    public void nudge(String collection, Object id) {
        relay.nudge(collection, id);
    }

    /** The messages the document still holds, the next one to be published first. */
    public List<OutboxMessage> pending(String collection, Object id) {
        return relay.pending(collection, id);
    }

    private String json(Record event) {
        try {
            return objectMapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " cannot be serialized", e);
        }
    }
}
