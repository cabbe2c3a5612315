package dev.shutter.push.testing;

import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.FakeFcm;
import dev.shutter.devstack.infra.JdbcDatabase;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.platform.amqp.EventsTopology;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points push-dispatcher at the test infrastructure: this run's own namespace on the broker (its events exchange,
 * every consumer queue and the work queue), the in-process MongoDB (its own database), a fake FCM, and one sender so
 * work items are sent in order.
 */
public final class PushTestInfrastructure {

    public final String namespace;
    public final EventsTopology topology;
    public final String exchange;
    public final String database;
    private CachingConnectionFactory publisherConnections;
    private RabbitTemplate publisher;
    private JdbcDatabase eventStore;
    private EventStoreWriter eventStoreWriter;

    public PushTestInfrastructure(String run) {
        this.namespace = "test-push-" + run;
        this.topology = new EventsTopology(namespace);
        this.exchange = topology.exchange();
        this.database = "push_" + run.replace('-', '_');
    }

    public void register(DynamicPropertyRegistry registry, FakeFcm fcm) {
        AmqpBroker amqp = TestInfrastructure.amqp();
        registry.add("spring.rabbitmq.host", amqp::host);
        registry.add("spring.rabbitmq.port", amqp::port);
        registry.add("spring.rabbitmq.username", amqp::username);
        registry.add("spring.rabbitmq.password", amqp::password);
        registry.add("spring.rabbitmq.virtual-host", amqp::virtualHost);
        registry.add("spring.data.mongodb.uri", () -> TestInfrastructure.mongo().uri());
        registry.add("spring.data.mongodb.database", () -> database);
        registry.add("shutter.amqp.namespace", () -> namespace);
        registry.add("shutter.push.fcm.endpoint", fcm::baseUrl);
        registry.add("shutter.push.fcm.project-id", () -> "shutter-test");
        // Test contexts of several classes may live in one JVM: each needs its own FirebaseApp.
        registry.add("shutter.push.fcm.app-name", () -> "shutter-push-" + database);
        registry.add("shutter.push.retry.initial-backoff", () -> "200ms");
        registry.add("shutter.push.send.concurrency", () -> "1");
        registry.add("shutter.push.public-base-url", () -> "https://shutter.test");
        registry.add("spring.datasource.url", () -> eventStore().url());
        registry.add("spring.datasource.username", () -> eventStore().username());
        registry.add("spring.datasource.password", () -> eventStore().password());
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> "file:" + TestInfrastructure.jwtKeys().publicKeyFile());
    }

    /** This run's own event store database on the test PostgreSQL, created on first use. */
    public synchronized JdbcDatabase eventStore() {
        if (eventStore == null) {
            eventStore = TestInfrastructure.postgres().freshDatabase("push_it");
        }
        return eventStore;
    }

    /** Writes into {@link #eventStore()}; the domain_event_entry table is created on first use. */
    public synchronized EventStoreWriter eventStoreWriter() {
        if (eventStoreWriter == null) {
            eventStoreWriter = new EventStoreWriter(eventStore());
        }
        return eventStoreWriter;
    }

    /**
     * A template that publishes test events on one channel, in the order they are sent, the way the relay does. The
     * application's own template uses publisher confirms and several channels, which may reorder messages sent one
     * after the other.
     */
    public synchronized RabbitTemplate publisher() {
        if (publisher == null) {
            publisherConnections = connections();
            publisherConnections.setChannelCacheSize(1);
            publisher = new RabbitTemplate(publisherConnections);
        }
        return publisher;
    }

    private static CachingConnectionFactory connections() {
        AmqpBroker amqp = TestInfrastructure.amqp();
        CachingConnectionFactory connections = new CachingConnectionFactory(amqp.host(), amqp.port());
        connections.setUsername(amqp.username());
        connections.setPassword(amqp.password());
        connections.setVirtualHost(amqp.virtualHost());
        return connections;
    }

    /**
     * The local RabbitMQ outlives the test: leave none of this run's queues or exchanges on it (the service declared
     * the whole events topology of its namespace, and its work queue).
     */
    public void removeBrokerObjects(List<String> extraQueues) {
        synchronized (this) {
            if (publisherConnections != null) {
                publisherConnections.destroy();
                publisherConnections = null;
                publisher = null;
            }
        }
        CachingConnectionFactory connections = connections();
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            extraQueues.forEach(admin::deleteQueue);
            List<Declarable> declared = new ArrayList<>(topology.declarables().getDeclarables());
            declared.addAll(topology.sharedWorkQueue(AmqpTopology.PUSH_DISPATCHER_WORK_QUEUE)
                    .getDeclarables());
            declared.stream()
                    .filter(Queue.class::isInstance)
                    .forEach(queue -> admin.deleteQueue(((Queue) queue).getName()));
            declared.stream()
                    .filter(Exchange.class::isInstance)
                    .map(exchange -> ((Exchange) exchange).getName())
                    .distinct()
                    .forEach(admin::deleteExchange);
        } finally {
            connections.destroy();
        }
    }
}
