package dev.shutter.media.publishing;

import dev.shutter.events.AmqpTopology;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The exchange media events go to, and the queue this service hears post events on. */
@ConfigurationProperties("shutter.amqp")
record AmqpProperties(
        @DefaultValue(AmqpTopology.EXCHANGE) String exchange,
        @DefaultValue(AmqpTopology.MEDIA_UPLOADER_QUEUE) String queue) {}
