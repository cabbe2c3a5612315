package dev.shutter.devstack;

import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.JdbcDatabase;
import dev.shutter.devstack.infra.Postgres;
import dev.shutter.events.AmqpTopology;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * A clean start when devstack runs on a local PostgreSQL or RabbitMQ rather than embedded ones: devstack's own
 * database, reader role, exchange and queues are removed, nothing else on those servers is touched.
 */
final class SharedServers {

    private SharedServers() {}

    static void wipe(DevstackSettings settings, Postgres postgres, AmqpBroker broker) {
        if (!postgres.embedded()) {
            dropDatabase(postgres.database("postgres"), settings.eventStoreDatabase());
        }
        if (!broker.embedded()) {
            deleteTopology(settings, broker);
        }
    }

    private static void dropDatabase(JdbcDatabase maintenance, String database) {
        try (Connection connection =
                        DriverManager.getConnection(maintenance.url(), maintenance.username(), maintenance.password());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            statement.execute("DROP ROLE IF EXISTS " + ReadOnlyEventStore.roleFor(database));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop devstack database " + database, e);
        }
    }

    private static void deleteTopology(DevstackSettings settings, AmqpBroker broker) {
        CachingConnectionFactory connections = new CachingConnectionFactory(broker.host(), broker.port());
        connections.setUsername(broker.username());
        connections.setPassword(broker.password());
        connections.setVirtualHost(broker.virtualHost());
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            for (String queue : AmqpTopology.CONSUMER_QUEUES) {
                admin.deleteQueue(settings.amqpName(queue));
                admin.deleteQueue(AmqpTopology.deadLetterQueue(settings.amqpName(queue)));
            }
            admin.deleteExchange(settings.amqpName(AmqpTopology.EXCHANGE));
            admin.deleteExchange(settings.amqpName(AmqpTopology.DEAD_LETTER_EXCHANGE));
        } finally {
            connections.destroy();
        }
    }
}
