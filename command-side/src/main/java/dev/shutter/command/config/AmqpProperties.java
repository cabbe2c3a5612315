package dev.shutter.command.config;

import dev.shutter.events.AmqpTopology;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where events go ({@code exchange}), where the command side hears about stored media ({@code mediaQueue}) and about
 * device tokens FCM rejected ({@code devicesQueue}).
 */
@ConfigurationProperties("shutter.amqp")
public record AmqpProperties(String exchange, String mediaQueue, String devicesQueue) {

    public AmqpProperties {
        exchange = exchange == null || exchange.isBlank() ? AmqpTopology.EXCHANGE : exchange;
        mediaQueue = mediaQueue == null || mediaQueue.isBlank() ? AmqpTopology.COMMAND_SIDE_MEDIA_QUEUE : mediaQueue;
        devicesQueue =
                devicesQueue == null || devicesQueue.isBlank() ? AmqpTopology.COMMAND_SIDE_DEVICES_QUEUE : devicesQueue;
    }
}
