package dev.shutter.push.wire;

import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.stereotype.Component;

/**
 * Pauses and resumes the consumer of the event queue, while a rebuilt read-model generation is switched in. Messages
 * wait in the queue meanwhile; the work queue keeps being sent.
 */
@Component
public class LiveConsumption {

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
        MessageListenerContainer container = registry.getListenerContainer(LiveEventListener.LISTENER_ID);
        if (container == null || !container.isRunning()) {
            return false;
        }
        container.stop();
        return true;
    }

    public void resume() {
        MessageListenerContainer container = registry.getListenerContainer(LiveEventListener.LISTENER_ID);
        if (container != null) {
            container.start();
        }
    }
}
