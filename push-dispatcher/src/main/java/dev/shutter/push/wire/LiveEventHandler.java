package dev.shutter.push.wire;

/**
 * Reacts to events delivered live from RabbitMQ. Implementations ignore payload types they do not
 * know; each must be idempotent, because a message may be delivered more than once.
 */
public interface LiveEventHandler {

    void on(LiveEvent event);
}
