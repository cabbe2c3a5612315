package dev.shutter.projections.amqp;

import dev.shutter.events.AmqpTopology;
import java.util.Map;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The projections' queue, bound to every event, and its dead-letter queue. */
@Configuration(proxyBeanMethods = false)
class AmqpConfiguration {

    static final String QUEUE = "${shutter.amqp.queue:" + AmqpTopology.PROJECTIONS_QUEUE + "}";
    static final String EXCHANGE = "${shutter.amqp.exchange:" + AmqpTopology.EXCHANGE + "}";

    @Bean
    Declarables projectionsTopology(@Value(EXCHANGE) String exchangeName, @Value(QUEUE) String queueName) {
        String deadLetterQueueName = AmqpTopology.deadLetterQueue(queueName);
        TopicExchange exchange = new TopicExchange(exchangeName, true, false);
        DirectExchange deadLetterExchange = new DirectExchange(AmqpTopology.DEAD_LETTER_EXCHANGE, true, false);
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
        Binding events = BindingBuilder.bind(queue).to(exchange).with(AmqpTopology.ALL_EVENTS);
        Binding deadLetters =
                BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange).with(deadLetterQueueName);
        return new Declarables(exchange, deadLetterExchange, queue, deadLetterQueue, events, deadLetters);
    }
}
