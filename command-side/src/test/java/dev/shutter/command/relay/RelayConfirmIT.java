package dev.shutter.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mockingDetails;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.command.BrokerObjects;
import dev.shutter.command.LocalInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.AmqpTopology.ConsumerQueue;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.platform.amqp.EventsTopology;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The relay's token only moves past an event once the broker confirmed it and routed it to a queue. The relay
 * declares the events topology again when the broker returned or refused an event; these tests hold that declaration
 * back for a while, to see the token wait, and then let it through.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=command-side", "shutter.relay.confirm-timeout=PT2S"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayConfirmIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final BrokerObjects BROKER = BrokerObjects.forRun("relay." + RUN);
    private static final EventsTopology TOPOLOGY = BROKER.topology();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper objectMapper;

    @MockitoSpyBean
    AmqpAdmin amqpAdmin;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    CachingConnectionFactory connectionFactory;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    private RelayedEvents relayed;
    private volatile boolean declarationHeld;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.register(registry, "command_side_relay", BROKER);
    }

    /** The command side's own consumers would declare their queues again when they lose them: not in these tests. */
    @BeforeAll
    void stopTheConsumers() {
        listeners.stop();
        relayed = new RelayedEvents(http, jdbc, objectMapper, rabbitTemplate);
    }

    @BeforeEach
    void declarationsThroughTheAdminWaitWhileATestHoldsThem() throws Exception {
        doAnswer(call -> {
                    if (declarationHeld) {
                        throw new AmqpIOException(new IOException("declaration held back by the test"));
                    }
                    return call.callRealMethod();
                })
                .when(amqpAdmin)
                .initialize();
        String before = relayed.register();
        long index = relayed.globalIndexOf(before);
        waiting().until(() -> relayed.relayPosition() >= index);
        clearInvocations(amqpAdmin);
    }

    @AfterEach
    void releaseDeclarations() {
        declarationHeld = false;
    }

    @Test
    void anEventWhoseQueuesWereDeletedIsReturnedAndHeldUntilTheTopologyIsDeclaredAgain() throws Exception {
        deleteEveryConsumerQueue();
        declarationHeld = true;

        String user = relayed.register();
        long index = relayed.globalIndexOf(user);
        // Returned twice: the relay tried, asked for the topology again, backed off and tried again.
        waiting().until(() -> declarationsAsked() >= 2);
        assertThat(relayed.relayPosition())
                .as("the token must not move past a returned event")
                .isLessThan(index);

        declarationHeld = false;
        waiting().until(() -> relayed.relayPosition() >= index);
        for (String queue : queuesOf(UserRegistered.class)) {
            Message message = relayed.takeFrom(queue, user, Duration.ofSeconds(10));
            assertThat(message).as("the held-back event in %s", queue).isNotNull();
        }
    }

    @Test
    void anEventRefusedBecauseTheExchangeIsGoneIsHeldUntilTheTopologyIsDeclaredAgain() throws Exception {
        amqpAdmin.deleteExchange(TOPOLOGY.exchange());
        declarationHeld = true;

        String user = relayed.register();
        long index = relayed.globalIndexOf(user);
        waiting().until(() -> declarationsAsked() >= 2);
        assertThat(relayed.relayPosition())
                .as("the token must not move past an unconfirmed event")
                .isLessThan(index);

        declarationHeld = false;
        waiting().until(() -> relayed.relayPosition() >= index);
        Message message =
                relayed.takeFrom(TOPOLOGY.queue(AmqpTopology.PROJECTIONS_QUEUE), user, Duration.ofSeconds(10));
        assertThat(message).as("the event held back is published after all").isNotNull();
        assertThat(message.getMessageProperties().getReceivedRoutingKey()).isEqualTo(UserRegistered.class.getName());
    }

    /**
     * A new connection declares the whole topology before anything is published on it: with every queue deleted and
     * the relay's own declaration held back, the first event after a reconnect still reaches its queues unreturned.
     */
    @Test
    void afterAReconnectTheTopologyIsDeclaredBeforeTheRelaysFirstPublish() throws Exception {
        deleteEveryConsumerQueue();
        declarationHeld = true;
        connectionFactory.resetConnection();

        String user = relayed.register();
        long index = relayed.globalIndexOf(user);
        waiting().until(() -> relayed.relayPosition() >= index);

        assertThat(declarationsAsked()).as("the relay saw nothing returned").isZero();
        for (String queue : queuesOf(UserRegistered.class)) {
            assertThat(relayed.takeFrom(queue, user, Duration.ofSeconds(10)))
                    .as("the first event after the reconnect in %s", queue)
                    .isNotNull();
        }
    }

    @AfterAll
    void removeBrokerObjects() {
        BROKER.removeFrom(amqpAdmin);
    }

    /**
     * Waits without failing on other threads' uncaught exceptions: Spring AMQP's own thread that closes a channel the
     * broker closed (a publish to a deleted exchange) ends with one, which is no failure of the relay.
     */
    private static ConditionFactory waiting() {
        return await().atMost(PATIENCE).dontCatchUncaughtExceptions();
    }

    private void deleteEveryConsumerQueue() {
        for (ConsumerQueue consumer : AmqpTopology.EVENT_CONSUMERS) {
            amqpAdmin.deleteQueue(TOPOLOGY.queue(consumer.name()));
            assertThat(amqpAdmin.getQueueInfo(TOPOLOGY.queue(consumer.name()))).isNull();
        }
    }

    private long declarationsAsked() {
        return mockingDetails(amqpAdmin).getInvocations().stream()
                .filter(invocation -> invocation.getMethod().getName().equals("initialize"))
                .count();
    }

    /** The queues of this namespace an event of the type is routed to. */
    private static List<String> queuesOf(Class<?> eventType) {
        String routingKey = AmqpTopology.routingKey(eventType);
        return AmqpTopology.EVENT_CONSUMERS.stream()
                .filter(consumer ->
                        consumer.bindings().stream().anyMatch(pattern -> RelayedEvents.matches(pattern, routingKey)))
                .map(consumer -> TOPOLOGY.queue(consumer.name()))
                .toList();
    }
}
