package dev.shutter.platform.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;

/**
 * Publishes outbox messages to the events exchange on a connection of its own, {@code mandatory} and with publisher
 * confirms, many confirms outstanding at once. A message counts as published only when the broker confirmed it and
 * did not return it (no queue bound for it): a returned, refused or unconfirmed message is a failure, and so is every
 * message after the broker could not be reached.
 *
 * <p>Before its first publish, and again after a message came back, it has the service's whole topology declared
 * (every consumer queue), so nothing it publishes goes nowhere.
 */
public final class OutboxPublisher implements DisposableBean {

    private final CachingConnectionFactory connections;
    private final RabbitTemplate template;
    private final String exchange;
    private final Duration confirmTimeout;
    private final Runnable declareTopology;
    private volatile boolean declared;

    /**
     * @param connections a factory of its own, with correlated publisher confirms and returns; closed with this
     * @param declareTopology declares the topology (a {@code RabbitAdmin}'s {@code initialize}); may throw while the
     *     broker is unreachable
     */
    public OutboxPublisher(
            CachingConnectionFactory connections, String exchange, Duration confirmTimeout, Runnable declareTopology) {
        if (!connections.isPublisherConfirms() || !connections.isPublisherReturns()) {
            throw new IllegalArgumentException("The outbox needs correlated publisher confirms and returns");
        }
        this.connections = connections;
        this.template = new RabbitTemplate(connections);
        this.template.setMandatory(true);
        this.exchange = exchange;
        this.confirmTimeout = confirmTimeout;
        this.declareTopology = declareTopology;
    }

    /** What became of one message: {@code failure} is null when the broker confirmed it and routed it to a queue. */
    record Outcome(OutboxMessage message, String failure) {

        boolean published() {
            return failure == null;
        }
    }

    /** Publishes the messages in order and waits for their confirms; answers one outcome per message, in order. */
    List<Outcome> publish(List<OutboxMessage> messages) throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>(messages.size());
        List<CorrelationData> confirmations = new ArrayList<>(messages.size());
        String unreachable = declare();
        for (OutboxMessage message : messages) {
            CorrelationData confirmation = null;
            if (unreachable == null) {
                confirmation = new CorrelationData(UUID.randomUUID().toString());
                try {
                    template.send(exchange, message.routingKey(), message.toAmqpMessage(), confirmation);
                } catch (AmqpException e) {
                    unreachable = "the broker cannot be reached: " + e.getMessage();
                    confirmation = null;
                }
            }
            confirmations.add(confirmation);
        }
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        for (int i = 0; i < messages.size(); i++) {
            CorrelationData confirmation = confirmations.get(i);
            String failure = confirmation == null ? unreachable : awaitConfirm(confirmation, deadline);
            outcomes.add(new Outcome(messages.get(i), failure));
        }
        return outcomes;
    }

    private String declare() {
        if (declared) {
            return null;
        }
        try {
            declareTopology.run();
            declared = true;
            return null;
        } catch (AmqpException e) {
            return "the topology cannot be declared: " + e.getMessage();
        }
    }

    private String awaitConfirm(CorrelationData confirmation, long deadline) throws InterruptedException {
        CorrelationData.Confirm confirm;
        try {
            long left = Math.max(0, deadline - System.nanoTime());
            confirm = confirmation.getFuture().get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return "no confirm within " + confirmTimeout;
        } catch (ExecutionException e) {
            return "not confirmed: " + e.getCause();
        }
        if (!confirm.isAck()) {
            return "refused by the broker: " + confirm.getReason();
        }
        ReturnedMessage returned = confirmation.getReturned();
        if (returned != null) {
            declared = false;
            return "returned by the broker (" + returned.getReplyCode() + " " + returned.getReplyText()
                    + "): no queue bound for " + returned.getRoutingKey();
        }
        return null;
    }

    @Override
    public void destroy() {
        connections.destroy();
    }
}
