package dev.shutter.command;

import dev.shutter.events.AmqpTopology;
import dev.shutter.platform.amqp.EventsTopology;
import java.util.UUID;
import org.springframework.amqp.core.AmqpAdmin;

/**
 * The broker namespace of one integration-test class: the command side declares the whole events topology under it
 * on the shared broker, so that runs never see each other's messages; it is removed again when the class is done.
 */
public record BrokerObjects(String namespace) {

    public static BrokerObjects forRun(String run) {
        return new BrokerObjects("test." + run);
    }

    public static BrokerObjects forNewRun() {
        return forRun(UUID.randomUUID().toString().substring(0, 8));
    }

    public EventsTopology topology() {
        return new EventsTopology(namespace);
    }

    public String exchange() {
        return topology().exchange();
    }

    public String mediaQueue() {
        return topology().queue(AmqpTopology.COMMAND_SIDE_MEDIA_QUEUE);
    }

    public String devicesQueue() {
        return topology().queue(AmqpTopology.COMMAND_SIDE_DEVICES_QUEUE);
    }

    /** Deletes every queue of the namespace, their dead-letter queues and both exchanges; stop the listeners first. */
    public void removeFrom(AmqpAdmin admin) {
        EventsTopology topology = topology();
        for (String queue : AmqpTopology.CONSUMER_QUEUES) {
            admin.deleteQueue(topology.queue(queue));
            admin.deleteQueue(topology.deadLetterQueue(queue));
        }
        admin.deleteExchange(topology.exchange());
        admin.deleteExchange(topology.deadLetterExchange());
    }
}
