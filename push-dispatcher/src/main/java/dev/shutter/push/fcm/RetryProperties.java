package dev.shutter.push.fcm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often and how long a batch is retried when FCM answers 429, 500 or 503.
 *
 * @param maxAttempts attempts per batch, the first one included
 * @param initialBackoff wait before the second attempt; it doubles with every further attempt
 * @param maxBackoff the longest single wait; a {@code Retry-After} above it ends the retries
 */
@ConfigurationProperties("shutter.push.retry")
record RetryProperties(
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("500ms") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff) {}
