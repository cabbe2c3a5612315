package dev.shutter.command;

import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.JdbcDatabase;
import dev.shutter.devstack.infra.TestInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points the command side at the test infrastructure: a fresh event store database and this run's own exchange. */
public final class LocalInfrastructure {

    private LocalInfrastructure() {}

    public static void register(
            DynamicPropertyRegistry registry, String databasePrefix, String exchange, String mediaQueue) {
        JdbcDatabase database = TestInfrastructure.postgres().freshDatabase(databasePrefix);
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        AmqpBroker broker = TestInfrastructure.amqp();
        registry.add("spring.rabbitmq.host", broker::host);
        registry.add("spring.rabbitmq.port", broker::port);
        registry.add("spring.rabbitmq.username", broker::username);
        registry.add("spring.rabbitmq.password", broker::password);
        registry.add("spring.rabbitmq.virtual-host", broker::virtualHost);
        registry.add("shutter.amqp.exchange", () -> exchange);
        registry.add("shutter.amqp.media-queue", () -> mediaQueue);
    }
}
