package dev.shutter.events;

import java.util.List;

/**
 * Names of the RabbitMQ topology every service agrees on.
 *
 * <p>All events go to one durable topic exchange. The routing key of a message is the fully
 * qualified name of its event type ({@code dev.shutter.events.post.PostPublished}), so a consumer
 * binds to a package with {@code dev.shutter.events.post.*} or to everything with
 * {@code dev.shutter.events.#}. Each consumer owns one durable queue; messages it cannot handle go
 * to its dead-letter queue through {@link #DEAD_LETTER_EXCHANGE}.
 */
public final class AmqpTopology {

    public static final String EXCHANGE = "shutter.events";
    public static final String DEAD_LETTER_EXCHANGE = "shutter.events.dead-letter";

    public static final String ALL_EVENTS = "dev.shutter.events.#";
    public static final String USER_EVENTS = "dev.shutter.events.user.*";
    public static final String FOLLOW_EVENTS = "dev.shutter.events.follow.*";
    public static final String BLOCK_EVENTS = "dev.shutter.events.block.*";
    public static final String POST_EVENTS = "dev.shutter.events.post.*";
    public static final String MEDIA_EVENTS = "dev.shutter.events.media.*";
    public static final String PUSH_EVENTS = "dev.shutter.events.push.*";

    public static final String PROJECTIONS_QUEUE = "shutter.projections";
    public static final String PUSH_DISPATCHER_QUEUE = "shutter.push-dispatcher";
    /** push-dispatcher's own work queue: a big fan-out split into batches that any instance may send. */
    public static final String PUSH_DISPATCHER_WORK_QUEUE = "shutter.push-dispatcher.work";

    public static final String COMMAND_SIDE_MEDIA_QUEUE = "shutter.command-side.media";
    public static final String COMMAND_SIDE_DEVICES_QUEUE = "shutter.command-side.devices";
    public static final String MEDIA_UPLOADER_QUEUE = "shutter.media-uploader";

    /** Every consumer queue, each with its dead-letter queue beside it. */
    public static final List<String> CONSUMER_QUEUES = List.of(
            PROJECTIONS_QUEUE,
            PUSH_DISPATCHER_QUEUE,
            PUSH_DISPATCHER_WORK_QUEUE,
            COMMAND_SIDE_MEDIA_QUEUE,
            COMMAND_SIDE_DEVICES_QUEUE,
            MEDIA_UPLOADER_QUEUE);

    private AmqpTopology() {}

    /** The routing key of an event type. */
    public static String routingKey(Class<?> eventType) {
        return eventType.getName();
    }

    /** The dead-letter queue that belongs to a consumer queue. */
    public static String deadLetterQueue(String queue) {
        return queue + ".dead-letter";
    }
}
