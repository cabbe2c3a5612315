package dev.shutter.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.command.BrokerObjects;
import dev.shutter.command.LocalInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.push.DeviceTokenRejected;
import dev.shutter.events.user.DeviceRemoved;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** push-dispatcher reports a token FCM rejected; the command side takes the device away from the user. */
@SpringBootTest(properties = "spring.config.name=command-side")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceTokenRejectedIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final BrokerObjects BROKER = BrokerObjects.forRun(RUN);
    private static final String EXCHANGE = BROKER.exchange();
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    private CommandGateway commands;

    @Autowired
    private RabbitTemplate rabbit;

    @Autowired
    private ObjectMapper objectMapper;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private AmqpAdmin amqpAdmin;

    @Autowired
    private RabbitListenerEndpointRegistry listeners;

    @Autowired
    private EventStore eventStore;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.register(registry, "command_side_devices", BROKER);
    }

    @AfterAll
    void removeBrokerObjects() {
        listeners.stop();
        BROKER.removeFrom(amqpAdmin);
    }

    @Test
    void removesTheRejectedDeviceFromTheUserOnceHoweverOftenItIsReported() {
        String userId = registeredUser();
        commands.sendAndWait(new RegisterDevice(userId, "old-phone", "android", 20));
        commands.sendAndWait(new RegisterDevice(userId, "new-phone", "ios", 20));

        Message report = rejected(userId, "old-phone");
        publish(report);
        publish(report);

        await().atMost(DEADLINE).until(() -> removals(userId) == 1);
        // A marker behind the duplicate: once it is handled, the duplicate was handled too.
        String marker = registeredUser();
        commands.sendAndWait(new RegisterDevice(marker, "marker-phone", "web", 20));
        publish(rejected(marker, "marker-phone"));
        await().atMost(DEADLINE).until(() -> removals(marker) == 1);

        assertThat(removals(userId)).isEqualTo(1);
        assertThat(removedTokens(userId)).containsExactly("old-phone");
    }

    @Test
    void aReportAboutAnUnknownUserIsDroppedAndAnUnreadableOrIncompleteOneIsParkedWithoutStoppingTheQueue() {
        publish(rejected("no-such-user-" + UUID.randomUUID(), "some-token"));
        String unreadable = "{ not json " + UUID.randomUUID();
        publish(MessageBuilder.withBody(unreadable.getBytes(StandardCharsets.UTF_8))
                .setHeader(WireHeaders.MESSAGE_ID, UUID.randomUUID().toString())
                .setHeader(WireHeaders.MESSAGE_TYPE, DeviceTokenRejected.class.getName())
                .setHeader(WireHeaders.AGGREGATE_ID, "unreadable-token")
                .setHeader(WireHeaders.AGGREGATE_SEQUENCE, 0L)
                .build());
        String incompleteToken = "incomplete-" + UUID.randomUUID();
        publish(rejected(" ", incompleteToken));
        String userId = registeredUser();
        commands.sendAndWait(new RegisterDevice(userId, "phone", "android", 20));

        publish(rejected(userId, "phone"));

        await().atMost(DEADLINE).until(() -> removals(userId) == 1);
        await().atMost(DEADLINE).until(() -> parkedReason("body = ?", unreadable) != null);
        assertThat(parkedReason("body = ?", unreadable)).startsWith("not a Shutter event: unreadable body");
        await().atMost(DEADLINE).until(() -> parkedReason("sequence_key = ?", incompleteToken) != null);
        assertThat(parkedReason("sequence_key = ?", incompleteToken))
                .isEqualTo("IncompleteMessageException: Incomplete DeviceTokenRejected message");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM consumer_dead_letters WHERE consumer = 'command-side.devices'"
                                + " AND body LIKE '%some-token%'",
                        Long.class))
                .as("a report about an unknown user is no failure")
                .isZero();
    }

    private String parkedReason(String condition, String value) {
        return jdbc
                .queryForList(
                        "SELECT reason FROM consumer_dead_letters WHERE consumer = 'command-side.devices' AND "
                                + condition,
                        String.class,
                        value)
                .stream()
                .findFirst()
                .orElse(null);
    }

    private String registeredUser() {
        String userId = UUID.randomUUID().toString();
        String name = "u" + userId.substring(0, 8);
        commands.sendAndWait(new RegisterUser(userId, name, name + "@example.com", name, Instant.now()));
        return userId;
    }

    private Message rejected(String userId, String token) {
        try {
            String eventId = UUID.randomUUID().toString();
            return MessageBuilder.withBody(objectMapper.writeValueAsBytes(
                            new DeviceTokenRejected(userId, token, "UNREGISTERED", Instant.now())))
                    .setContentType("application/json")
                    .setHeader(WireHeaders.MESSAGE_ID, eventId)
                    .setHeader(WireHeaders.MESSAGE_TYPE, DeviceTokenRejected.class.getName())
                    .setHeader(WireHeaders.AGGREGATE_ID, token)
                    .setHeader(WireHeaders.AGGREGATE_SEQUENCE, 0L)
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(Message message) {
        rabbit.send(EXCHANGE, AmqpTopology.routingKey(DeviceTokenRejected.class), message);
    }

    private long removals(String userId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
                Long.class,
                userId,
                DeviceRemoved.class.getName());
    }

    /** The tokens of the user's DeviceRemoved events, read as the aggregate reads them (tokens are stored sealed). */
    private java.util.List<String> removedTokens(String userId) {
        return eventStore
                .readEvents(userId)
                .asStream()
                .map(event -> event.getPayload())
                .filter(DeviceRemoved.class::isInstance)
                .map(event -> ((DeviceRemoved) event).token())
                .toList();
    }
}
