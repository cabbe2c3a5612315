package dev.shutter.push.fcm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fast this instance sends.
 *
 * @param concurrency work items this instance sends at the same time (consumers of the work queue)
 * @param maxPerMinute the ceiling of messages per minute for this instance, shared by all its senders; FCM's default
 *     quota is 600,000 per minute per project
 * @param recipientsPerWorkItem the most recipients one work item carries; it also never carries more than 500 device
 *     tokens, one {@code sendEach} call
 * @param claimTimeout how long a push claimed by a sender that never reported back blocks another attempt
 */
@ConfigurationProperties("shutter.push.send")
public record SendProperties(
        @DefaultValue("4") int concurrency,
        @DefaultValue("600000") int maxPerMinute,
        @DefaultValue("500") int recipientsPerWorkItem,
        @DefaultValue("10m") Duration claimTimeout) {

    public SendProperties {
        if (concurrency < 1 || maxPerMinute < 1 || recipientsPerWorkItem < 1) {
            throw new IllegalArgumentException("shutter.push.send.* must be positive");
        }
    }
}
