package dev.shutter.projections.amqp;

import dev.shutter.projections.view.EventEnvelope;
import dev.shutter.projections.view.ProjectionDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * The live consumer. The message is acknowledged only after every view applied the event; when a
 * write fails the message goes back to the queue, after a pause that grows with repeated failures
 * so an unavailable database is not hammered.
 */
@Component
class EventListener {

    private static final Logger log = LoggerFactory.getLogger(EventListener.class);
    private static final long MAX_PAUSE_MILLIS = 2_000;

    private final WireDecoder decoder;
    private final ProjectionDispatcher dispatcher;
    private int consecutiveFailures;

    EventListener(WireDecoder decoder, ProjectionDispatcher dispatcher) {
        this.decoder = decoder;
        this.dispatcher = dispatcher;
    }

    @RabbitListener(id = LiveConsumption.LISTENER_ID, queues = AmqpConfiguration.QUEUE)
    void on(Message message) throws InterruptedException {
        EventEnvelope event = decoder.decode(message);
        try {
            dispatcher.dispatch(event);
            consecutiveFailures = 0;
        } catch (RuntimeException e) {
            consecutiveFailures++;
            long pause = Math.min(MAX_PAUSE_MILLIS, 100L << Math.min(consecutiveFailures, 5));
            log.warn(
                    "Applying event {} failed ({} in a row); it will be redelivered",
                    event.eventId(),
                    consecutiveFailures,
                    e);
            Thread.sleep(pause);
            throw e;
        }
    }
}
