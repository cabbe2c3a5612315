package dev.shutter.platform.consumer;

import dev.shutter.platform.wire.WireDecoder;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;

/**
 * The ordered consumers of one service, by name, each parking into the service's {@link DeadLetterStore}. A service
 * creates one per queue it consumes and calls {@link OrderedConsumer#onMessage} from its listener; the admin API finds
 * them here.
 */
public final class OrderedConsumers implements DisposableBean {

    private final WireDecoder decoder;
    private final DeadLetterStore deadLetters;
    private final ConsumerProperties properties;
    private final Clock clock;
    private final Map<String, OrderedConsumer> byName = new ConcurrentHashMap<>();

    public OrderedConsumers(
            WireDecoder decoder, DeadLetterStore deadLetters, ConsumerProperties properties, Clock clock) {
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The consumer of that name, created on first use.
     *
     * @param name how the admin API names it: the queue's name without namespace ({@code projections},
     *     {@code command-side.media}...)
     */
    public OrderedConsumer create(String name, OrderedConsumer.Handler handler) {
        OrderedConsumer consumer = new OrderedConsumer(name, decoder, deadLetters, properties, handler, clock);
        if (byName.putIfAbsent(name, consumer) != null) {
            throw new IllegalStateException("A consumer named " + name + " exists already");
        }
        return consumer;
    }

    public Optional<OrderedConsumer> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Iterable<OrderedConsumer> all() {
        return byName.values();
    }

    @Override
    public void destroy() {
        byName.values().forEach(OrderedConsumer::stop);
    }
}
