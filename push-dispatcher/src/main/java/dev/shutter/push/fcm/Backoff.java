package dev.shutter.push.fcm;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter that honours the server's {@code Retry-After}. Jitter spreads
 * the retries of many instances so they do not hit FCM in the same instant.
 */
final class Backoff {

    private final RetryProperties properties;
    private final RandomGenerator random;

    Backoff(RetryProperties properties, RandomGenerator random) {
        this.properties = properties;
        this.random = random;
    }

    /**
     * How long to wait before the given attempt (2 for the first retry), or empty when no further
     * attempt should be made: the attempts are used up, or the server asked for a longer pause than
     * this service is willing to block its queue for.
     */
    Optional<Duration> before(int attempt, Duration retryAfter) {
        if (attempt > properties.maxAttempts() || retryAfter.compareTo(properties.maxBackoff()) > 0) {
            return Optional.empty();
        }
        long base = properties.initialBackoff().toMillis() << Math.min(attempt - 2, 20);
        long capped = Math.min(base, properties.maxBackoff().toMillis());
        long jittered = capped / 2 + random.nextLong(capped / 2 + 1);
        return Optional.of(Duration.ofMillis(Math.max(jittered, retryAfter.toMillis())));
    }
}
