package dev.shutter.platform.wire;

import java.time.Instant;

/**
 * An event as it arrived from the broker, decoded.
 *
 * @param eventId the event's id, stable across redeliveries
 * @param aggregateId the aggregate that emitted it
 * @param sequence its sequence number within that aggregate
 * @param globalIndex its position in the event store, when the message says (bookkeeping only: not strictly
 *     increasing on the wire)
 * @param timestamp when it happened, when the message says
 * @param payload the event record
 */
public record WireEvent(
        String eventId, String aggregateId, long sequence, Long globalIndex, Instant timestamp, Record payload) {

    /** The payload as the given type, when it is one. */
    public <T> java.util.Optional<T> payloadAs(Class<T> type) {
        return type.isInstance(payload) ? java.util.Optional.of(type.cast(payload)) : java.util.Optional.empty();
    }
}
