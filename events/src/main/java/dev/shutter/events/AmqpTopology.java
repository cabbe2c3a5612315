package dev.shutter.events;

import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserDeleted;
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

    /**
     * Every queue bound to the events exchange, with the routing patterns it is bound with. Every party that publishes
     * to the exchange declares all of them before its first publish, so an event published before its consumer ever
     * started still waits in that consumer's queue.
     */
    public static final List<ConsumerQueue> EVENT_CONSUMERS = List.of(
            new ConsumerQueue(PROJECTIONS_QUEUE, List.of(ALL_EVENTS)),
            new ConsumerQueue(PUSH_DISPATCHER_QUEUE, List.of(USER_EVENTS, FOLLOW_EVENTS, BLOCK_EVENTS, POST_EVENTS)),
            new ConsumerQueue(
                    MEDIA_UPLOADER_QUEUE,
                    List.of(
                            routingKey(PostPublished.class),
                            routingKey(PostDeleted.class),
                            routingKey(ProfileUpdated.class),
                            routingKey(UserDeleted.class))),
            new ConsumerQueue(COMMAND_SIDE_MEDIA_QUEUE, List.of(MEDIA_EVENTS)),
            new ConsumerQueue(COMMAND_SIDE_DEVICES_QUEUE, List.of(PUSH_EVENTS)));

    /** Every consumer queue, each with its dead-letter queue beside it. */
    public static final List<String> CONSUMER_QUEUES = List.of(
            PROJECTIONS_QUEUE,
            PUSH_DISPATCHER_QUEUE,
            PUSH_DISPATCHER_WORK_QUEUE,
            COMMAND_SIDE_MEDIA_QUEUE,
            COMMAND_SIDE_DEVICES_QUEUE,
            MEDIA_UPLOADER_QUEUE);

    /**
     * A queue bound to the events exchange.
     *
     * @param name the queue's name (before any namespace prefix)
     * @param bindings the routing patterns it is bound with
     */
    public record ConsumerQueue(String name, List<String> bindings) {

        public ConsumerQueue {
            bindings = List.copyOf(bindings);
        }
    }

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
