package dev.shutter.command.config;

import dev.shutter.events.AmqpTopology;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The part of the RabbitMQ topology the command side owns: the events exchange it publishes to,
 * its own media queue and devices queue (tokens push-dispatcher saw rejected), each with a
 * dead-letter queue for messages it cannot read.
 */
@Configuration(proxyBeanMethods = false)
class AmqpConfiguration {

    @Bean
    TopicExchange eventsExchange(AmqpProperties properties) {
        return ExchangeBuilder.topicExchange(properties.exchange())
                .durable(true)
                .build();
    }

    @Bean
    DirectExchange deadLetterExchange() {
        return ExchangeBuilder.directExchange(AmqpTopology.DEAD_LETTER_EXCHANGE)
                .durable(true)
                .build();
    }

    @Bean
    Queue mediaQueue(AmqpProperties properties) {
        return QueueBuilder.durable(properties.mediaQueue())
                .deadLetterExchange(AmqpTopology.DEAD_LETTER_EXCHANGE)
                .deadLetterRoutingKey(AmqpTopology.deadLetterQueue(properties.mediaQueue()))
                .build();
    }

    @Bean
    Queue mediaDeadLetterQueue(AmqpProperties properties) {
        return QueueBuilder.durable(AmqpTopology.deadLetterQueue(properties.mediaQueue()))
                .build();
    }

    @Bean
    Binding mediaBinding(Queue mediaQueue, TopicExchange eventsExchange) {
        return BindingBuilder.bind(mediaQueue).to(eventsExchange).with(AmqpTopology.MEDIA_EVENTS);
    }

    @Bean
    Binding mediaDeadLetterBinding(Queue mediaDeadLetterQueue, DirectExchange deadLetterExchange) {
        return BindingBuilder.bind(mediaDeadLetterQueue).to(deadLetterExchange).with(mediaDeadLetterQueue.getName());
    }

    @Bean
    Queue devicesQueue(AmqpProperties properties) {
        return QueueBuilder.durable(properties.devicesQueue())
                .deadLetterExchange(AmqpTopology.DEAD_LETTER_EXCHANGE)
                .deadLetterRoutingKey(AmqpTopology.deadLetterQueue(properties.devicesQueue()))
                .build();
    }

    @Bean
    Queue devicesDeadLetterQueue(AmqpProperties properties) {
        return QueueBuilder.durable(AmqpTopology.deadLetterQueue(properties.devicesQueue()))
                .build();
    }

    @Bean
    Binding devicesBinding(Queue devicesQueue, TopicExchange eventsExchange) {
        return BindingBuilder.bind(devicesQueue).to(eventsExchange).with(AmqpTopology.PUSH_EVENTS);
    }

    @Bean
    Binding devicesDeadLetterBinding(Queue devicesDeadLetterQueue, DirectExchange deadLetterExchange) {
        return BindingBuilder.bind(devicesDeadLetterQueue)
                .to(deadLetterExchange)
                .with(devicesDeadLetterQueue.getName());
    }
}
