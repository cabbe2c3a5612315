package dev.shutter.projections.amqp;

import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.stereotype.Component;

/** Pauses and resumes the live consumer, e.g. while a rebuilt view generation is switched in. */
@Component
public class LiveConsumption {

    static final String LISTENER_ID = "projections-events";

    private final RabbitListenerEndpointRegistry registry;

    LiveConsumption(RabbitListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    /**
     * Stops the consumer; messages it had fetched but not acknowledged go back to the queue.
     *
     * @return whether it was running, and so must be resumed
     */
    public boolean pause() {
        var container = registry.getListenerContainer(LISTENER_ID);
        if (container == null || !container.isRunning()) {
            return false;
        }
        container.stop();
        return true;
    }

    public void resume() {
        var container = registry.getListenerContainer(LISTENER_ID);
        if (container != null) {
            container.start();
        }
    }
}
