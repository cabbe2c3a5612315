package dev.shutter.push.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.push.DeviceTokenRejected;
import dev.shutter.platform.PlatformAutoConfiguration;
import dev.shutter.platform.amqp.EventsTopology;
import dev.shutter.platform.outbox.Outbox;
import dev.shutter.platform.outbox.OutboxAutoConfiguration;
import dev.shutter.platform.outbox.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * push-dispatcher dies between recording a rejected token and publishing it: a first instance records the rejection
 * with its relay off (it publishes nothing, as if the process had died right after the write) and is closed; a new
 * instance on the same MongoDB and broker publishes the {@link DeviceTokenRejected} to the command side's queue.
 *
 * <p>The instances are {@link TokenRejections} with the platform on the service's MongoDB and broker settings, not
 * the whole service: its event consumer is being moved onto the platform and does not start beside it yet.
 */
class TokenRejectionsCrashIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String NAMESPACE = "test-push-crash-" + RUN;
    private static final EventsTopology TOPOLOGY = new EventsTopology(NAMESPACE);
    private static final String DEVICES_QUEUE = TOPOLOGY.queue(AmqpTopology.COMMAND_SIDE_DEVICES_QUEUE);

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private CachingConnectionFactory connections;
    private RabbitTemplate rabbit;
    private ConfigurableApplicationContext service;

    @BeforeEach
    void connect() {
        AmqpBroker amqp = TestInfrastructure.amqp();
        connections = new CachingConnectionFactory(amqp.host(), amqp.port());
        connections.setUsername(amqp.username());
        connections.setPassword(amqp.password());
        connections.setVirtualHost(amqp.virtualHost());
        rabbit = new RabbitTemplate(connections);
    }

    @AfterEach
    void removeEverything() {
        if (service != null) {
            service.close();
        }
        RabbitAdmin admin = new RabbitAdmin(connections);
        for (AmqpTopology.ConsumerQueue consumer : AmqpTopology.EVENT_CONSUMERS) {
            admin.deleteQueue(TOPOLOGY.queue(consumer.name()));
            admin.deleteQueue(TOPOLOGY.deadLetterQueue(consumer.name()));
        }
        admin.deleteExchange(TOPOLOGY.exchange());
        admin.deleteExchange(TOPOLOGY.deadLetterExchange());
        connections.destroy();
    }

    @Test
    void aRejectionRecordedJustBeforeACrashIsPublishedByTheRestartedService() throws Exception {
        service = start(false);
        // The service's listeners declare the topology as they connect; this context has none of them.
        service.getBean(RabbitAdmin.class).initialize();
        String token = "token-" + UUID.randomUUID();
        DeviceTokenRejected rejection = new DeviceTokenRejected(
                "user-" + RUN, token, "UNREGISTERED", Instant.now().truncatedTo(ChronoUnit.MILLIS));

        service.getBean(TokenRejections.class).publish(rejection);

        List<OutboxMessage> recorded = service.getBean(Outbox.class).pending(TokenRejections.COLLECTION, token);
        assertThat(recorded).hasSize(1);
        assertThat(rabbit.receive(DEVICES_QUEUE, 1_000))
                .as("nothing published before the crash")
                .isNull();
        service.close();

        service = start(true);

        Message message = rabbit.receive(DEVICES_QUEUE, 20_000);
        assertThat(message)
                .as("DeviceTokenRejected on the command side's queue")
                .isNotNull();
        assertThat(message.getMessageProperties().getHeaders())
                .containsEntry(WireHeaders.MESSAGE_ID, recorded.get(0).id())
                .containsEntry(WireHeaders.MESSAGE_TYPE, DeviceTokenRejected.class.getName())
                .containsEntry(WireHeaders.AGGREGATE_ID, token)
                .containsEntry(WireHeaders.AGGREGATE_SEQUENCE, 0L)
                .containsEntry(WireHeaders.AGGREGATE_TYPE, TokenRejections.AGGREGATE_TYPE);
        assertThat(json.readValue(message.getBody(), DeviceTokenRejected.class)).isEqualTo(rejection);
        Outbox restarted = service.getBean(Outbox.class);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        restarted.pending(TokenRejections.COLLECTION, token).isEmpty());
    }

    private ConfigurableApplicationContext start(boolean relayEnabled) {
        AmqpBroker amqp = TestInfrastructure.amqp();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.rabbitmq.host", amqp.host());
        properties.put("spring.rabbitmq.port", amqp.port());
        properties.put("spring.rabbitmq.username", amqp.username());
        properties.put("spring.rabbitmq.password", amqp.password());
        properties.put("spring.rabbitmq.virtual-host", amqp.virtualHost());
        properties.put("shutter.amqp.namespace", NAMESPACE);
        properties.put("shutter.outbox.relay-enabled", relayEnabled);
        properties.put("spring.data.mongodb.uri", TestInfrastructure.mongo().uri());
        properties.put("spring.data.mongodb.database", "push_crash_" + RUN);
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(Rejections.class)
                .properties("spring.config.name=push-dispatcher")
                .web(WebApplicationType.NONE)
                .run(arguments);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({
        JacksonAutoConfiguration.class,
        MongoAutoConfiguration.class,
        MongoDataAutoConfiguration.class,
        RabbitAutoConfiguration.class,
        PlatformAutoConfiguration.class,
        OutboxAutoConfiguration.class
    })
    @Import(TokenRejections.class)
    static class Rejections {}
}
