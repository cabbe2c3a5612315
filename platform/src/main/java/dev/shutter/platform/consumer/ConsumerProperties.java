package dev.shutter.platform.consumer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an ordered consumer retries ({@code shutter.consumer.*}).
 *
 * @param maxAttempts attempts at a message before it is parked as a dead letter
 * @param firstBackoff the pause after the first failed attempt; each further pause doubles it
 * @param maxBackoff the longest pause between two attempts at a message
 * @param outageBackoff the longest pause while the store the consumer writes to does not answer; such failures are
 *     retried for as long as the outage lasts and never park a message
 */
@ConfigurationProperties("shutter.consumer")
public record ConsumerProperties(
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("200ms") Duration firstBackoff,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("30s") Duration outageBackoff) {

    public ConsumerProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("shutter.consumer.max-attempts must be at least 1");
        }
    }

    /** The pause after the given number of failed attempts, doubling from the first up to the ceiling. */
    Duration backoff(int failedAttempts, Duration ceiling) {
        long millis = firstBackoff.toMillis() << Math.min(Math.max(failedAttempts - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, ceiling.toMillis()));
    }
}
