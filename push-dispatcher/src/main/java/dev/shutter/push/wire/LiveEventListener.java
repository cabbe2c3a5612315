package dev.shutter.push.wire;

import dev.shutter.platform.PlatformAutoConfiguration;
import dev.shutter.platform.consumer.OrderedConsumer;
import dev.shutter.platform.consumer.OrderedConsumers;
import dev.shutter.platform.wire.WireEvent;
import dev.shutter.push.readmodel.ReadModelGenerations;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * The only entry point of live events into this service: the ordered queue {@code shutter.push-dispatcher}, consumed
 * through the platform's {@link OrderedConsumer} named {@value #CONSUMER}. Each event updates the live generation of
 * the read model first, then the notifiers run, both while no rebuild switches generations. An event that fails is
 * retried in place with backoff and, after the last attempt, parked in the dead letters, with the later events of its
 * aggregate behind it; an operator's retry of a dead letter comes back here, notifiers included, since a parked event
 * was never handled (the sent log keeps a push from going twice to a device).
 */
@Component
class LiveEventListener {

    static final String LISTENER_ID = "push-dispatcher-events";
    /** The consumer's name in the dead-letter admin API: {@code /api/admin/consumers/push-dispatcher/...}. */
    static final String CONSUMER = "push-dispatcher";

    private static final Logger log = LoggerFactory.getLogger(LiveEventListener.class);

    private final List<ReadModelHandler> readModel;
    private final List<LiveEventHandler> handlers;
    private final ReadModelGenerations generations;
    private final OrderedConsumer consumer;

    LiveEventListener(
            OrderedConsumers consumers,
            List<ReadModelHandler> readModel,
            List<LiveEventHandler> handlers,
            ReadModelGenerations generations) {
        this.readModel = readModel;
        this.handlers = handlers;
        this.generations = generations;
        this.consumer = consumers.create(CONSUMER, this::handle);
    }

    @RabbitListener(
            id = LISTENER_ID,
            queues = "#{eventsTopology.queue(T(dev.shutter.events.AmqpTopology).PUSH_DISPATCHER_QUEUE)}",
            containerFactory = PlatformAutoConfiguration.ORDERED_CONTAINER_FACTORY)
    void onMessage(Message message) throws InterruptedException {
        consumer.onMessage(message);
    }

    private void handle(WireEvent wire) {
        LiveEvent event = new LiveEvent(wire);
        log.debug("Handling {}", event);
        generations.whileLive(() -> {
            StoredEvent stored = event.stored();
            int generation = generations.live();
            for (ReadModelHandler handler : readModel) {
                handler.apply(stored, generation);
            }
            generations.recordApplied(event.globalIndex());
            for (LiveEventHandler handler : handlers) {
                handler.on(event);
            }
        });
    }
}
