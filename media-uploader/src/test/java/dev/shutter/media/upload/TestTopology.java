package dev.shutter.media.upload;

import dev.shutter.events.AmqpTopology;
import dev.shutter.platform.amqp.EventsTopology;
import org.springframework.amqp.core.AmqpAdmin;

/** Removes what the platform declared for a test's namespace, so the shared broker is left as it was. */
final class TestTopology {

    private TestTopology() {}

    static void remove(AmqpAdmin admin, EventsTopology topology) {
        for (AmqpTopology.ConsumerQueue consumer : AmqpTopology.EVENT_CONSUMERS) {
            admin.deleteQueue(topology.queue(consumer.name()));
            admin.deleteQueue(topology.deadLetterQueue(consumer.name()));
        }
        admin.deleteExchange(topology.exchange());
        admin.deleteExchange(topology.deadLetterExchange());
    }
}
