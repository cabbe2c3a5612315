package dev.shutter.push.wire;

import dev.shutter.events.AmqpTopology;
import dev.shutter.push.readmodel.ReadModelGenerations;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * The only entry point of live events into this service: the RabbitMQ queue. The live generation of the read model is
 * updated first, then the notifiers run, both while no rebuild switches generations; the message is acknowledged
 * after every handler returned; a handler that throws gets the message redelivered (or dead-lettered, if it threw
 * {@code AmqpRejectAndDontRequeueException}).
 */
@Component
class LiveEventListener {

    static final String LISTENER_ID = "push-dispatcher-events";
    private static final Logger log = LoggerFactory.getLogger(LiveEventListener.class);

    private final WireDecoder decoder;
    private final List<ReadModelHandler> readModel;
    private final List<LiveEventHandler> handlers;
    private final ReadModelGenerations generations;

    LiveEventListener(
            WireDecoder decoder,
            List<ReadModelHandler> readModel,
            List<LiveEventHandler> handlers,
            ReadModelGenerations generations) {
        this.decoder = decoder;
        this.readModel = readModel;
        this.handlers = handlers;
        this.generations = generations;
    }

    @RabbitListener(
            id = LISTENER_ID,
            queues = "${shutter.amqp.queue:" + AmqpTopology.PUSH_DISPATCHER_QUEUE + "}",
            containerFactory = "pushListenerContainerFactory")
    void onMessage(Message message) {
        LiveEvent event = decoder.decode(message);
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
