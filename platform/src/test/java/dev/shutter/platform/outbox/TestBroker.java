package dev.shutter.platform.outbox;

import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.platform.amqp.EventsTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/** Connections to the test broker, and a namespace's topology declared on it and removed again. */
final class TestBroker {

    private TestBroker() {}

    /** Connections with correlated confirms and returns, as the outbox needs. */
    static CachingConnectionFactory publisherConnections() {
        AmqpBroker amqp = TestInfrastructure.amqp();
        CachingConnectionFactory connections = new CachingConnectionFactory(amqp.host(), amqp.port());
        connections.setUsername(amqp.username());
        connections.setPassword(amqp.password());
        connections.setVirtualHost(amqp.virtualHost());
        connections.setConnectionTimeout(2_000);
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        connections.setPublisherReturns(true);
        return connections;
    }

    static void declare(RabbitAdmin admin, EventsTopology topology) {
        for (Declarable declarable : topology.declarables().getDeclarables()) {
            if (declarable instanceof Exchange exchange) {
                admin.declareExchange(exchange);
            } else if (declarable instanceof Queue queue) {
                admin.declareQueue(queue);
            } else if (declarable instanceof Binding binding) {
                admin.declareBinding(binding);
            }
        }
    }

    /** Leaves the shared broker as it was. */
    static void remove(RabbitAdmin admin, EventsTopology topology) {
        for (AmqpTopology.ConsumerQueue consumer : AmqpTopology.EVENT_CONSUMERS) {
            admin.deleteQueue(topology.queue(consumer.name()));
            admin.deleteQueue(topology.deadLetterQueue(consumer.name()));
        }
        admin.deleteExchange(topology.exchange());
        admin.deleteExchange(topology.deadLetterExchange());
    }

    /** A port nothing listens on. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
