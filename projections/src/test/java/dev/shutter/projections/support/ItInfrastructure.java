package dev.shutter.projections.support;

import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.JdbcDatabase;
import dev.shutter.devstack.infra.JwtKeys;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a projections context at the shared broker and PostgreSQL, at its own in-process MongoDB,
 * and at a unique exchange and queue so test runs never see each other's messages.
 */
public final class ItInfrastructure {

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final JdbcDatabase eventStore = TestInfrastructure.postgres().freshDatabase("projections_it");
    private final JwtKeys jwtKeys = TestInfrastructure.jwtKeys();
    private final String exchange = "shutter.events.it-" + UUID.randomUUID();
    private final String queue = "shutter.projections.it-" + UUID.randomUUID();
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
        registry.add("shutter.amqp.exchange", () -> exchange);
        registry.add("shutter.amqp.queue", () -> queue);
        registry.add("spring.data.mongodb.uri", mongo::uri);
        registry.add("spring.datasource.url", eventStore::url);
        registry.add("spring.datasource.username", eventStore::username);
        registry.add("spring.datasource.password", eventStore::password);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + publicKey);
    }

    /** Stops consuming and removes this run's exchange and queues from the shared broker. */
    public void removeBrokerObjects(ApplicationContext context) {
        context.getBean(RabbitListenerEndpointRegistry.class).stop();
        AmqpAdmin admin = context.getBean(AmqpAdmin.class);
        admin.deleteQueue(queue);
        admin.deleteQueue(AmqpTopology.deadLetterQueue(queue));
        admin.deleteExchange(exchange);
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
        return exchange;
    }

    public String queue() {
        return queue;
    }
}
