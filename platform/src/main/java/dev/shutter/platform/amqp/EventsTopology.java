package dev.shutter.platform.amqp;

import dev.shutter.events.AmqpTopology;
import dev.shutter.events.AmqpTopology.ConsumerQueue;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * The events exchange and every queue bound to it, as {@link AmqpTopology} names them, under an optional namespace
 * prefix (so that several systems, or tests, can share one broker).
 *
 * <p>Every service declares all of it, whether it publishes or consumes: a publisher then never publishes into an
 * exchange whose queues do not exist yet, and the arguments of each queue are the same whoever declares it first (a
 * broker refuses a second declaration with other arguments). Consumer queues are single-active-consumer: a second
 * instance of a service is a hot standby that takes over, in order, when the first one goes away.
 */
public final class EventsTopology {

    private final String namespace;

    public EventsTopology(String namespace) {
        this.namespace = namespace == null ? "" : namespace.strip();
    }

    public String exchange() {
        return named(AmqpTopology.EXCHANGE);
    }

    public String deadLetterExchange() {
        return named(AmqpTopology.DEAD_LETTER_EXCHANGE);
    }

    /** The name of one of {@link AmqpTopology}'s queues in this namespace. */
    public String queue(String name) {
        return named(name);
    }

    public String deadLetterQueue(String name) {
        return AmqpTopology.deadLetterQueue(queue(name));
    }

    /** The exchanges, every consumer queue of the events exchange, their dead-letter queues and the bindings. */
    public Declarables declarables() {
        TopicExchange events =
                ExchangeBuilder.topicExchange(exchange()).durable(true).build();
        DirectExchange deadLetters = ExchangeBuilder.directExchange(deadLetterExchange())
                .durable(true)
                .build();
        List<Declarable> declarables = new ArrayList<>(List.of(events, deadLetters));
        for (ConsumerQueue consumer : AmqpTopology.EVENT_CONSUMERS) {
            Queue queue = orderedQueue(consumer.name());
            declarables.addAll(deadLetterQueueOf(consumer.name(), deadLetters));
            declarables.add(queue);
            for (String pattern : consumer.bindings()) {
                declarables.add(BindingBuilder.bind(queue).to(events).with(pattern));
            }
        }
        return new Declarables(declarables);
    }

    /**
     * A queue that only this namespace's services publish to directly (not through the events exchange), with its
     * dead-letter queue: consumed by every instance at once, so not single-active-consumer.
     */
    public Declarables sharedWorkQueue(String name) {
        DirectExchange deadLetters = ExchangeBuilder.directExchange(deadLetterExchange())
                .durable(true)
                .build();
        List<Declarable> declarables = new ArrayList<>(List.of(deadLetters));
        declarables.addAll(deadLetterQueueOf(name, deadLetters));
        declarables.add(QueueBuilder.durable(queue(name))
                .deadLetterExchange(deadLetterExchange())
                .deadLetterRoutingKey(deadLetterQueue(name))
                .build());
        return new Declarables(declarables);
    }

    private Queue orderedQueue(String name) {
        return QueueBuilder.durable(queue(name))
                .singleActiveConsumer()
                .deadLetterExchange(deadLetterExchange())
                .deadLetterRoutingKey(deadLetterQueue(name))
                .build();
    }

    private List<Declarable> deadLetterQueueOf(String name, DirectExchange deadLetters) {
        Queue deadLetterQueue = QueueBuilder.durable(deadLetterQueue(name)).build();
        Binding binding = BindingBuilder.bind(deadLetterQueue).to(deadLetters).with(deadLetterQueue.getName());
        return List.of(deadLetterQueue, binding);
    }

    private String named(String name) {
        return namespace.isEmpty() ? name : namespace + "." + name;
    }
}
