package dev.shutter.projections.amqp;

import dev.shutter.platform.PlatformAutoConfiguration;
import dev.shutter.platform.consumer.OrderedConsumer;
import dev.shutter.platform.consumer.OrderedConsumers;
import dev.shutter.platform.wire.WireEvent;
import dev.shutter.projections.view.EventEnvelope;
import dev.shutter.projections.view.ProjectionDispatcher;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * The live consumer of the projections' queue. Every event is handed to every view before the next message; a write
 * that fails is retried in place and, after the last attempt, parked as a dead letter of the {@value #CONSUMER}
 * consumer, with the aggregate's later events behind it (see {@link OrderedConsumer}). The message is acknowledged
 * once the event was applied or parked.
 */
@Component
class EventListener {

    /** The consumer's name in the dead-letter admin API ({@code /api/admin/consumers/projections/...}). */
    static final String CONSUMER = "projections";

    private static final String QUEUE = "#{eventsTopology.queue(T(dev.shutter.events.AmqpTopology).PROJECTIONS_QUEUE)}";

    private final OrderedConsumer consumer;

    EventListener(OrderedConsumers consumers, ProjectionDispatcher dispatcher) {
        this.consumer = consumers.create(CONSUMER, event -> dispatcher.dispatch(envelope(event)));
    }

    @RabbitListener(
            id = LiveConsumption.LISTENER_ID,
            queues = QUEUE,
            containerFactory = PlatformAutoConfiguration.ORDERED_CONTAINER_FACTORY)
    void on(Message message) throws InterruptedException {
        consumer.onMessage(message);
    }

    private static EventEnvelope envelope(WireEvent event) {
        return new EventEnvelope(
                event.eventId(),
                event.aggregateId(),
                event.sequence(),
                event.globalIndex(),
                event.timestamp(),
                event.payload());
    }
}
