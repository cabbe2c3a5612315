package dev.shutter.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

class AmqpBrokerIT {

    private final String exchange = "infra-test-" + UUID.randomUUID();
    private final String queue = "infra-test-" + UUID.randomUUID();

    @Test
    void embeddedBrokerRoutesConfirmedPersistentMessagesThroughTopicExchangeToQueueWithDeadLetterArgument()
            throws Exception {
        try (AmqpBroker broker = Forced.embedded(() -> AmqpBroker.start(null))) {
            assertThat(broker.embedded()).isTrue();
            assertThat(broker.host()).isEqualTo("127.0.0.1");
            assertThat(broker.virtualHost()).isEqualTo("/");
            assertRoundTrip(broker);
        }
    }

    @Test
    void embeddedBrokerRedeliversWhatAListenerFailedOnAndDropsWhatItRejected() throws Exception {
        try (AmqpBroker broker = Forced.embedded(() -> AmqpBroker.start(null))) {
            var connections = connectionFactory(broker);
            var container = new SimpleMessageListenerContainer(connections);
            try {
                declare(connections);
                List<String> handled = new CopyOnWriteArrayList<>();
                AtomicInteger attempts = new AtomicInteger();
                container.setQueueNames(queue);
                container.setAcknowledgeMode(AcknowledgeMode.AUTO);
                container.setPrefetchCount(50);
                container.setMessageListener(message -> {
                    String body = new String(message.getBody(), StandardCharsets.UTF_8);
                    if (body.equals("poison")) {
                        throw new AmqpRejectAndDontRequeueException("cannot be parsed");
                    }
                    if (body.equals("flaky") && attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("write failed once");
                    }
                    handled.add(body);
                });
                container.start();

                publishConfirmed(connections, "poison");
                publishConfirmed(connections, "flaky");
                publishConfirmed(connections, "fine");

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (handled.size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(handled).containsExactlyInAnyOrder("flaky", "fine");
                assertThat(attempts).hasValue(2);
                container.stop();
                assertThat(new RabbitAdmin(connections).getQueueInfo(queue).getMessageCount())
                        .isZero();
            } finally {
                container.stop();
                connections.destroy();
            }
        }
    }

    @Test
    void embeddedBrokerRedeliversWhatAConsumerLeftUnacknowledged() throws Exception {
        try (AmqpBroker broker = Forced.embedded(() -> AmqpBroker.start(null))) {
            var connections = connectionFactory(broker);
            try {
                declare(connections);
                publishConfirmed(connections, "in flight");
                for (int attempt = 1; attempt <= 3; attempt++) {
                    try (var connection =
                                    connections.getRabbitConnectionFactory().newConnection();
                            var channel = connection.createChannel()) {
                        var delivery = channel.basicGet(queue, false);
                        assertThat(delivery).as("delivery %d", attempt).isNotNull();
                        assertThat(new String(delivery.getBody(), StandardCharsets.UTF_8))
                                .isEqualTo("in flight");
                        // closing the connection without an ack hands the message back to the queue
                    }
                }
            } finally {
                connections.destroy();
            }
        }
    }

    @Test
    void embeddedBrokerWithDataDirectoryKeepsDurableQueueAndPersistentMessageAcrossRestart(@TempDir Path dataDir)
            throws Exception {
        try (AmqpBroker broker = Forced.embedded(() -> AmqpBroker.start(dataDir))) {
            var connections = connectionFactory(broker);
            try {
                declare(connections);
                publishConfirmed(connections, "survives a restart");
            } finally {
                connections.destroy();
            }
        }
        try (AmqpBroker restarted = Forced.embedded(() -> AmqpBroker.start(dataDir))) {
            var connections = connectionFactory(restarted);
            try {
                Message received = new RabbitTemplate(connections).receive(queue, 5_000);
                assertThat(received).isNotNull();
                assertThat(new String(received.getBody(), StandardCharsets.UTF_8))
                        .isEqualTo("survives a restart");
            } finally {
                connections.destroy();
            }
        }
    }

    @Test
    void embeddedBrokerWithoutDataDirectoryForgetsEverythingOnRestart() throws Exception {
        try (AmqpBroker broker = Forced.embedded(() -> AmqpBroker.start(null))) {
            var connections = connectionFactory(broker);
            try {
                declare(connections);
            } finally {
                connections.destroy();
            }
        }
        try (AmqpBroker restarted = Forced.embedded(() -> AmqpBroker.start(null))) {
            var connections = connectionFactory(restarted);
            try {
                assertThat(new RabbitAdmin(connections).getQueueInfo(queue)).isNull();
            } finally {
                connections.destroy();
            }
        }
    }

    @Test
    void localRabbitMqIsUsedWhenItAnswersOnTheDefaultPort() throws Exception {
        assumeTrue(!Reachability.embeddedForced()
                && Reachability.env("SHUTTER_RABBITMQ_HOST").isEmpty());
        assumeTrue(Reachability.answersOnLoopback(5672), "no RabbitMQ on 127.0.0.1:5672");
        try (AmqpBroker broker = AmqpBroker.start(null)) {
            assertThat(broker.embedded()).isFalse();
            assertThat(broker.port()).isEqualTo(5672);
            assertRoundTrip(broker);
            var connections = connectionFactory(broker);
            try {
                var admin = new RabbitAdmin(connections);
                admin.deleteQueue(queue);
                admin.deleteExchange(exchange);
            } finally {
                connections.destroy();
            }
        }
    }

    private void assertRoundTrip(AmqpBroker broker) throws Exception {
        var connections = connectionFactory(broker);
        try {
            declare(connections);
            publishConfirmed(connections, "{\"hello\":\"world\"}");
            Message received = new RabbitTemplate(connections).receive(queue, 5_000);
            assertThat(received).isNotNull();
            assertThat(new String(received.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"hello\":\"world\"}");
            assertThat(received.getMessageProperties().getReceivedRoutingKey()).isEqualTo("dev.shutter.Something");
            assertThat((Object) received.getMessageProperties().getHeader("axon-message-aggregate-seq"))
                    .isEqualTo(7L);
        } finally {
            connections.destroy();
        }
    }

    private static CachingConnectionFactory connectionFactory(AmqpBroker broker) {
        var connections = new CachingConnectionFactory(broker.host(), broker.port());
        connections.setUsername(broker.username());
        connections.setPassword(broker.password());
        connections.setVirtualHost(broker.virtualHost());
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        return connections;
    }

    private void declare(CachingConnectionFactory connections) {
        var admin = new RabbitAdmin(connections);
        var topic = new TopicExchange(exchange, true, false);
        var durable = new Queue(queue, true, false, false, Map.of("x-dead-letter-exchange", exchange + ".dead-letter"));
        admin.declareExchange(topic);
        admin.declareQueue(durable);
        admin.declareBinding(BindingBuilder.bind(durable).to(topic).with("dev.shutter.#"));
    }

    private void publishConfirmed(CachingConnectionFactory connections, String body) throws Exception {
        var template = new RabbitTemplate(connections);
        var properties = new MessageProperties();
        properties.setContentType("application/json");
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setHeader("axon-message-aggregate-seq", 7L);
        var correlation = new CorrelationData(UUID.randomUUID().toString());
        template.send(
                exchange,
                "dev.shutter.Something",
                new Message(body.getBytes(StandardCharsets.UTF_8), properties),
                correlation);
        assertThat(correlation.getFuture().get(10, TimeUnit.SECONDS).isAck()).isTrue();
    }
}
