package dev.shutter.media.publishing;

import dev.shutter.events.AmqpTopology;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserDeleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's part of the RabbitMQ topology: the events exchange it publishes media events to,
 * and its own queue, with a dead-letter queue beside it, bound to the events that decide when a
 * photo's objects may be deleted: a post's publication and deletion, and a profile's avatar.
 */
@Configuration(proxyBeanMethods = false)
class AmqpConfig {

    private static final Logger log = LoggerFactory.getLogger(AmqpConfig.class);

    /** Declared again by the admin on every new connection, so a restarted broker gets it back. */
    @Bean
    TopicExchange eventsExchange(AmqpProperties properties) {
        return new TopicExchange(properties.exchange(), true, false);
    }

    @Bean
    Declarables postEventsQueue(AmqpProperties properties, TopicExchange eventsExchange) {
        String deadLetterQueueName = AmqpTopology.deadLetterQueue(properties.queue());
        DirectExchange deadLetters = new DirectExchange(AmqpTopology.DEAD_LETTER_EXCHANGE, true, false);
        Queue queue = QueueBuilder.durable(properties.queue())
                .deadLetterExchange(AmqpTopology.DEAD_LETTER_EXCHANGE)
                .deadLetterRoutingKey(deadLetterQueueName)
                .build();
        Queue deadLetterQueue = QueueBuilder.durable(deadLetterQueueName).build();
        return new Declarables(
                deadLetters,
                queue,
                deadLetterQueue,
                BindingBuilder.bind(deadLetterQueue).to(deadLetters).with(deadLetterQueueName),
                bind(queue, eventsExchange, AmqpTopology.routingKey(PostPublished.class)),
                bind(queue, eventsExchange, AmqpTopology.routingKey(PostDeleted.class)),
                bind(queue, eventsExchange, AmqpTopology.routingKey(ProfileUpdated.class)),
                bind(queue, eventsExchange, AmqpTopology.routingKey(UserDeleted.class)));
    }

    private static Binding bind(Queue queue, TopicExchange exchange, String routingKey) {
        return BindingBuilder.bind(queue).to(exchange).with(routingKey);
    }

    /**
     * One consumer, so the events of a post are handled in the order they were stored;
     * acknowledgement after the handler returned. A handler that throws has its message requeued,
     * unless it throws {@code AmqpRejectAndDontRequeueException}, which dead-letters it.
     */
    @Bean("postEventsListenerContainerFactory")
    SimpleRabbitListenerContainerFactory postEventsListenerContainerFactory(ConnectionFactory connectionFactory) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        factory.setConnectionFactory(connectionFactory);
        factory.setConcurrentConsumers(1);
        factory.setMaxConcurrentConsumers(1);
        factory.setPrefetchCount(20);
        factory.setAcknowledgeMode(AcknowledgeMode.AUTO);
        factory.setDefaultRequeueRejected(true);
        return factory;
    }

    /** Declares the exchange at start; a broker that is down then only delays it to the first publish. */
    @Bean
    ApplicationRunner declareEventsExchange(AmqpAdmin admin, TopicExchange eventsExchange) {
        return args -> {
            try {
                admin.declareExchange(eventsExchange);
            } catch (AmqpException e) {
                log.warn("Could not declare exchange {} at start: {}", eventsExchange.getName(), e.getMessage());
            }
        };
    }
}
