package dev.shutter.events;

/**
 * AMQP message headers of an event on the wire. They are the Axon AMQP extension's header names,
 * so a consumer may use either plain Spring AMQP or the extension's message source.
 *
 * <p>The body is the event record serialized as JSON (UTF-8).
 */
public final class WireHeaders {

    /** Unique id of the event; stable across redeliveries. */
    public static final String MESSAGE_ID = "axon-message-id";
    /** Fully qualified event type name, one of {@link EventCatalog#types()}. */
    public static final String MESSAGE_TYPE = "axon-message-type";

    public static final String MESSAGE_REVISION = "axon-message-revision";
    /** Epoch milliseconds at which the event happened. */
    public static final String TIMESTAMP = "axon-message-timestamp";
    /** Id of the aggregate that emitted the event; absent for events not sourced from an aggregate. */
    public static final String AGGREGATE_ID = "axon-message-aggregate-id";
    /** Sequence number of the event within its aggregate, starting at 0. */
    public static final String AGGREGATE_SEQUENCE = "axon-message-aggregate-seq";

    public static final String AGGREGATE_TYPE = "axon-message-aggregate-type";
    /** Position of the event in the event store. Not strictly increasing on the wire: see README. */
    public static final String GLOBAL_INDEX = "shutter-global-index";

    private WireHeaders() {}
}
