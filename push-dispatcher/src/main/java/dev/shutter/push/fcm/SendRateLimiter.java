package dev.shutter.push.fcm;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The messages-per-minute ceiling of this instance, shared by all its senders: each {@code sendEach} call first
 * reserves its messages, spread evenly over time. When FCM throttles (429), the rate is halved and every sender
 * waits out the {@code Retry-After}; each call that goes through without throttling raises the rate again by a
 * fiftieth of the ceiling, up to the ceiling.
 */
@Component
public class SendRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(SendRateLimiter.class);
    private static final double MIN_PER_SECOND = 10;

    private final double ceilingPerSecond;
    private double perSecond;
    private long nextFreeNanos = System.nanoTime();
    private long pausedUntilNanos = System.nanoTime();

    SendRateLimiter(SendProperties properties) {
        this.ceilingPerSecond = properties.maxPerMinute() / 60.0;
        this.perSecond = ceilingPerSecond;
    }

    /** Waits until {@code messages} more may be sent. */
    public void acquire(int messages) {
        long waitNanos = reserve(messages);
        if (waitNanos > 0) {
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the send rate", e);
            }
        }
    }

    private synchronized long reserve(int messages) {
        long now = System.nanoTime();
        long start = Math.max(now, Math.max(nextFreeNanos, pausedUntilNanos));
        nextFreeNanos = start + (long) (messages * 1_000_000_000L / perSecond);
        return start - now;
    }

    /** FCM throttled: halve the rate and hold every sender for {@code retryAfter}. */
    synchronized void throttled(Duration retryAfter) {
        double before = perSecond;
        perSecond = Math.max(MIN_PER_SECOND, perSecond / 2);
        long until = System.nanoTime() + retryAfter.toNanos();
        pausedUntilNanos = Math.max(pausedUntilNanos, until);
        nextFreeNanos = Math.max(nextFreeNanos, pausedUntilNanos);
        if (before != perSecond) {
            log.info(
                    "FCM throttled: send rate lowered to {} messages/min, paused for {}",
                    Math.round(perSecond * 60),
                    retryAfter);
        }
    }

    /** A call went through without throttling: raise the rate a step towards the ceiling. */
    synchronized void succeeded() {
        if (perSecond < ceilingPerSecond) {
            perSecond = Math.min(ceilingPerSecond, perSecond + ceilingPerSecond / 50);
            if (perSecond == ceilingPerSecond) {
                log.info("FCM send rate back at the ceiling of {} messages/min", Math.round(perSecond * 60));
            }
        }
    }

    /** The current rate in messages per minute. */
    public synchronized long perMinute() {
        return Math.round(perSecond * 60);
    }
}
