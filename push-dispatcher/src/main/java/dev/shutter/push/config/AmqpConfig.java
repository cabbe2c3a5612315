package dev.shutter.push.config;

import dev.shutter.events.AmqpTopology;
import dev.shutter.push.fcm.SendProperties;
import java.util.Map;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The queue this service consumes, its dead-letter queue and the bindings to user, follow, block and post
 * events. The queue is ordered and consumed by a single consumer, so events of one aggregate are
 * handled in the order they were stored. Beside it, the work queue: shares of big fan-outs that
 * every instance consumes with {@code shutter.push.send.concurrency} consumers.
 */
@Configuration(proxyBeanMethods = false)
class AmqpConfig {

    @Bean
    Declarables pushTopology(
            @Value("${shutter.amqp.exchange:" + AmqpTopology.EXCHANGE + "}") String exchangeName,
            @Value("${shutter.amqp.queue:" + AmqpTopology.PUSH_DISPATCHER_QUEUE + "}") String queueName) {
        String deadLetterQueueName = AmqpTopology.deadLetterQueue(queueName);
        TopicExchange events = new TopicExchange(exchangeName, true, false);
        DirectExchange deadLetters = new DirectExchange(AmqpTopology.DEAD_LETTER_EXCHANGE, true, false);
        Queue queue = new Queue(
                queueName,
                true,
                false,
                false,
                Map.of(
                        "x-dead-letter-exchange",
                        AmqpTopology.DEAD_LETTER_EXCHANGE,
                        "x-dead-letter-routing-key",
                        deadLetterQueueName));
        Queue deadLetterQueue = new Queue(deadLetterQueueName, true);
        return new Declarables(
                events,
                deadLetters,
                queue,
                deadLetterQueue,
                BindingBuilder.bind(deadLetterQueue).to(deadLetters).with(deadLetterQueueName),
                bind(queue, events, AmqpTopology.USER_EVENTS),
                bind(queue, events, AmqpTopology.FOLLOW_EVENTS),
                bind(queue, events, AmqpTopology.BLOCK_EVENTS),
                bind(queue, events, AmqpTopology.POST_EVENTS));
    }

    @Bean
    Declarables pushWorkTopology(
            @Value("${shutter.amqp.work-queue:" + AmqpTopology.PUSH_DISPATCHER_WORK_QUEUE + "}") String workQueueName) {
        String deadLetterQueueName = AmqpTopology.deadLetterQueue(workQueueName);
        DirectExchange deadLetters = new DirectExchange(AmqpTopology.DEAD_LETTER_EXCHANGE, true, false);
        Queue workQueue = new Queue(
                workQueueName,
                true,
                false,
                false,
                Map.of(
                        "x-dead-letter-exchange",
                        AmqpTopology.DEAD_LETTER_EXCHANGE,
                        "x-dead-letter-routing-key",
                        deadLetterQueueName));
        Queue deadLetterQueue = new Queue(deadLetterQueueName, true);
        return new Declarables(
                deadLetters,
                workQueue,
                deadLetterQueue,
                BindingBuilder.bind(deadLetterQueue).to(deadLetters).with(deadLetterQueueName));
    }

    /**
     * Several consumers, one unacknowledged work item each, so a slow batch never holds others back on
     * this instance and the rest of the queue stays free for other instances.
     */
    @Bean("pushWorkContainerFactory")
    SimpleRabbitListenerContainerFactory pushWorkContainerFactory(
            ConnectionFactory connectionFactory, SendProperties send) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        factory.setConnectionFactory(connectionFactory);
        factory.setConcurrentConsumers(send.concurrency());
        factory.setMaxConcurrentConsumers(send.concurrency());
        factory.setPrefetchCount(1);
        factory.setAcknowledgeMode(AcknowledgeMode.AUTO);
        factory.setDefaultRequeueRejected(true);
        return factory;
    }

    private static Binding bind(Queue queue, TopicExchange exchange, String pattern) {
        return BindingBuilder.bind(queue).to(exchange).with(pattern);
    }

    /**
     * One consumer, acknowledgement after the handler returned. A handler that throws has its
     * message requeued, unless it throws {@code AmqpRejectAndDontRequeueException}, which sends the
     * message to the dead-letter queue.
     */
    @Bean("pushListenerContainerFactory")
    SimpleRabbitListenerContainerFactory pushListenerContainerFactory(ConnectionFactory connectionFactory) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        factory.setConnectionFactory(connectionFactory);
        factory.setConcurrentConsumers(1);
        factory.setMaxConcurrentConsumers(1);
        factory.setPrefetchCount(50);
        factory.setAcknowledgeMode(AcknowledgeMode.AUTO);
        factory.setDefaultRequeueRejected(true);
        return factory;
    }
}
