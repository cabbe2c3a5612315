package dev.shutter.command;

import dev.shutter.events.AmqpTopology;
import java.util.List;
import java.util.UUID;
import org.springframework.amqp.core.AmqpAdmin;

/**
 * The exchange and queues one integration-test class declares on the shared broker, named for that run alone so
 * that runs never see each other's messages, and removed again when the class is done.
 */
public record BrokerObjects(String exchange, String mediaQueue, String devicesQueue) {

    public static BrokerObjects forRun(String run) {
        return new BrokerObjects(
                "test.shutter.events." + run,
                "test.shutter.command-side.media." + run,
                "test.shutter.command-side.devices." + run);
    }

    public static BrokerObjects forNewRun() {
        return forRun(UUID.randomUUID().toString().substring(0, 8));
    }

    /** Deletes the queues, their dead-letter queues and the exchange; stop the listeners first. */
    public void removeFrom(AmqpAdmin admin) {
        for (String queue : List.of(mediaQueue, devicesQueue)) {
            admin.deleteQueue(queue);
            admin.deleteQueue(AmqpTopology.deadLetterQueue(queue));
        }
        admin.deleteExchange(exchange);
    }
}
