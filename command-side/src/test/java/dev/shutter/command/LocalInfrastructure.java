package dev.shutter.command;

import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.JdbcDatabase;
import dev.shutter.devstack.infra.JwtKeys;
import dev.shutter.devstack.infra.TestInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points the command side at the test infrastructure: a fresh event store database, this run's own broker
 * namespace, and the test signing keys.
 */
public final class LocalInfrastructure {

    private LocalInfrastructure() {}

    public static void register(DynamicPropertyRegistry registry, String databasePrefix, BrokerObjects broker) {
        JdbcDatabase database = TestInfrastructure.postgres().freshDatabase(databasePrefix);
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        AmqpBroker amqp = TestInfrastructure.amqp();
        registry.add("spring.rabbitmq.host", amqp::host);
        registry.add("spring.rabbitmq.port", amqp::port);
        registry.add("spring.rabbitmq.username", amqp::username);
        registry.add("spring.rabbitmq.password", amqp::password);
        registry.add("spring.rabbitmq.virtual-host", amqp::virtualHost);
        registry.add("shutter.amqp.namespace", broker::namespace);
        JwtKeys keys = TestInfrastructure.jwtKeys();
        registry.add("shutter.jwt.private-key-location", () -> "file:" + keys.privateKeyFile());
        registry.add("shutter.jwt.public-key-location", () -> "file:" + keys.publicKeyFile());
    }
}
