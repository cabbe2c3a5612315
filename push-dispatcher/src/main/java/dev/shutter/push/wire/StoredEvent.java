package dev.shutter.push.wire;

import java.util.Objects;

/**
 * An event as the read model sees it, whether it arrives live or comes from a rebuild: its id, its aggregate, its
 * sequence number in that aggregate and the payload. It carries nothing that could send a push.
 */
public record StoredEvent(String eventId, String aggregateId, long sequenceNumber, Object payload) {

    public StoredEvent {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(aggregateId);
        Objects.requireNonNull(payload);
    }
}
