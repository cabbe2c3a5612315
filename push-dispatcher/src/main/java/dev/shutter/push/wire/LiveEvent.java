package dev.shutter.push.wire;

import java.util.Objects;

/**
 * An event as it arrived from RabbitMQ, together with the headers that make handling it
 * idempotent.
 *
 * <p>Only the RabbitMQ listener of this package can create one (the constructor is package-private).
 * Handlers that send pushes take a {@code LiveEvent}, so they cannot be fed from an event-store
 * replay or a read-model rebuild: a replay would have to forge live deliveries, which the type
 * system does not allow.
 */
public final class LiveEvent {

    private final String eventId;
    private final String aggregateId;
    private final long sequenceNumber;
    private final Object payload;
    private final Long globalIndex;

    LiveEvent(String eventId, String aggregateId, long sequenceNumber, Object payload, Long globalIndex) {
        this.eventId = Objects.requireNonNull(eventId);
        this.aggregateId = Objects.requireNonNull(aggregateId);
        this.sequenceNumber = sequenceNumber;
        this.payload = Objects.requireNonNull(payload);
        this.globalIndex = globalIndex;
    }

    /** Unique id of the event, the same on every redelivery. */
    public String eventId() {
        return eventId;
    }

    public String aggregateId() {
        return aggregateId;
    }

    /** Sequence number of the event within its aggregate, starting at 0. */
    public long sequenceNumber() {
        return sequenceNumber;
    }

    public Object payload() {
        return payload;
    }

    /** The event's position in the event store, when the relay sent it; null otherwise. */
    public Long globalIndex() {
        return globalIndex;
    }

    /** The same event as the read model sees it. */
    public StoredEvent stored() {
        return new StoredEvent(eventId, aggregateId, sequenceNumber, payload);
    }

    @Override
    public String toString() {
        return payload.getClass().getSimpleName() + "[" + eventId + ", " + aggregateId + "#" + sequenceNumber + "]";
    }
}
