package dev.shutter.push.wire;

import dev.shutter.platform.wire.WireEvent;

/**
 * An event delivered from RabbitMQ that this service has not yet handled: either fresh from the queue, or a dead
 * letter an operator retries (it was parked before it was ever handled), together with the headers that make handling
 * it idempotent.
 *
 * <p>Only the listener of this package can create one (the constructor is package-private). Handlers that send pushes
 * take a {@code LiveEvent}, so they cannot be fed from an event-store replay or a read-model rebuild: a replay would
 * have to forge live deliveries, which the type system does not allow.
 */
public final class LiveEvent {

    private final WireEvent event;

    LiveEvent(WireEvent event) {
        this.event = event;
    }

    /** Unique id of the event, the same on every redelivery. */
    public String eventId() {
        return event.eventId();
    }

    public String aggregateId() {
        return event.aggregateId();
    }

    /** Sequence number of the event within its aggregate, starting at 0. */
    public long sequenceNumber() {
        return event.sequence();
    }

    public Object payload() {
        return event.payload();
    }

    /** The event's position in the event store, when the relay sent it; null otherwise. */
    public Long globalIndex() {
        return event.globalIndex();
    }

    /** The same event as the read model sees it. */
    public StoredEvent stored() {
        return new StoredEvent(eventId(), aggregateId(), sequenceNumber(), payload());
    }

    @Override
    public String toString() {
        return event.payload().getClass().getSimpleName() + "[" + eventId() + ", " + aggregateId() + "#"
                + sequenceNumber() + "]";
    }
}
