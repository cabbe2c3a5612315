package dev.shutter.media.publishing;

import dev.shutter.events.AmqpTopology;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

@ConfigurationProperties("shutter.amqp")
record AmqpProperties(@DefaultValue(AmqpTopology.EXCHANGE) String exchange) {}
