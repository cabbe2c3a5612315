package dev.shutter.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox relay publishes ({@code shutter.outbox.*}).
 *
 * @param relayEnabled whether this instance publishes what the outboxes hold; turned off it only records (a test
 *     stops a service between its write and its publish this way)
 * @param pollInterval how often every watched collection is searched for pending messages; a write nudges the relay
 *     at once, so this only matters after a failure or a crash
 * @param grace how old a pending message must be before a poll takes it: younger ones are the nudge's
 * @param firstBackoff the pause before a message that was not published is tried again; each further failure doubles
 *     it
 * @param maxBackoff the longest pause between two attempts at a message
 * @param confirmTimeout how long the relay waits for the broker's confirms of one round
 * @param batchSize documents read per query of a poll
 */
@ConfigurationProperties("shutter.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean relayEnabled,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("2s") Duration grace,
        @DefaultValue("1s") Duration firstBackoff,
        @DefaultValue("1m") Duration maxBackoff,
        @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("200") int batchSize) {

    public OutboxProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("shutter.outbox.batch-size must be at least 1");
        }
    }

    /** The pause after the given number of failures, doubling from the first up to the ceiling. */
    Duration backoff(int failures) {
        long millis = firstBackoff.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
