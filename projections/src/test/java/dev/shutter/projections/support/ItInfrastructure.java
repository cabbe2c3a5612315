package dev.shutter.projections.support;

import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.JdbcDatabase;
import dev.shutter.devstack.infra.JwtKeys;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.platform.amqp.EventsTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a projections context at the shared broker and PostgreSQL, at its own in-process MongoDB,
 * and at a namespace of its own ({@code shutter.amqp.namespace}), so test runs never see each other's exchanges,
 * queues or messages.
 */
public final class ItInfrastructure {

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final JdbcDatabase eventStore = TestInfrastructure.postgres().freshDatabase("projections_it");
    private final JwtKeys jwtKeys = TestInfrastructure.jwtKeys();
    private final String namespace = "projections-it-" + UUID.randomUUID();
    private final EventsTopology topology = new EventsTopology(namespace);
    private final Path publicKey;

    public ItInfrastructure() {
        try {
            jwtKeys.writeTo(Files.createTempDirectory("projections-it-keys"));
            publicKey = jwtKeys.publicKeyFile();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void register(DynamicPropertyRegistry registry) {
        AmqpBroker amqp = TestInfrastructure.amqp();
        registry.add("spring.rabbitmq.host", amqp::host);
        registry.add("spring.rabbitmq.port", amqp::port);
        registry.add("spring.rabbitmq.username", amqp::username);
        registry.add("spring.rabbitmq.password", amqp::password);
        registry.add("spring.rabbitmq.virtual-host", amqp::virtualHost);
        registry.add("shutter.amqp.namespace", () -> namespace);
        registry.add("spring.data.mongodb.uri", mongo::uri);
        registry.add("spring.datasource.url", eventStore::url);
        registry.add("spring.datasource.username", eventStore::username);
        registry.add("spring.datasource.password", eventStore::password);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + publicKey);
    }

    /** Stops consuming and removes every exchange and queue of this run's namespace from the shared broker. */
    public void removeBrokerObjects(ApplicationContext context) {
        context.getBean(RabbitListenerEndpointRegistry.class).stop();
        AmqpAdmin admin = context.getBean(AmqpAdmin.class);
        for (Declarable declarable : topology.declarables().getDeclarables()) {
            if (declarable instanceof Queue queue) {
                admin.deleteQueue(queue.getName());
            }
        }
        for (Declarable declarable : topology.declarables().getDeclarables()) {
            if (declarable instanceof Exchange exchange) {
                admin.deleteExchange(exchange.getName());
            }
        }
    }

    public InMemoryMongo mongo() {
        return mongo;
    }

    public JdbcDatabase eventStore() {
        return eventStore;
    }

    public JwtKeys jwtKeys() {
        return jwtKeys;
    }

    public String exchange() {
        return topology.exchange();
    }

    /** The projections' queue in this run's namespace. */
    public String queue() {
        return topology.queue(AmqpTopology.PROJECTIONS_QUEUE);
    }

    public String deadLetterQueue() {
        return topology.deadLetterQueue(AmqpTopology.PROJECTIONS_QUEUE);
    }
}
