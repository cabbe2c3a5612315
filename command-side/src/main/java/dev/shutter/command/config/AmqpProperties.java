package dev.shutter.command.config;

import dev.shutter.events.AmqpTopology;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where events go ({@code exchange}) and where the command side hears about stored media. */
@ConfigurationProperties("shutter.amqp")
public record AmqpProperties(String exchange, String mediaQueue) {

    public AmqpProperties {
        exchange = exchange == null || exchange.isBlank() ? AmqpTopology.EXCHANGE : exchange;
        mediaQueue = mediaQueue == null || mediaQueue.isBlank() ? AmqpTopology.COMMAND_SIDE_MEDIA_QUEUE : mediaQueue;
    }
}
