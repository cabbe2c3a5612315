package dev.shutter.projections.view;

import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * One event as the projections see it, whether it came over RabbitMQ or from the event store.
 *
 * @param sequence the event's sequence number within its aggregate; it decides whether a document
 *     already saw the event
 * @param globalIndex position in the event store, or null when the event has none
 */
public record EventEnvelope(
        String eventId, String aggregateId, long sequence, Long globalIndex, Instant timestamp, Record payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(payload, "payload");
    }

    /** A time the event carries as a BSON date, falling back to the time the event happened. */
    public Date date(Instant value) {
        Instant chosen = value != null ? value : timestamp;
        return chosen != null ? Date.from(chosen) : null;
    }
}
