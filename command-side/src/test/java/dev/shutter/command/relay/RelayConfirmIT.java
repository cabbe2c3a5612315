package dev.shutter.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.command.BrokerObjects;
import dev.shutter.command.LocalInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.user.UserRegistered;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The relay's token only moves past an event once the broker confirmed it. Deleting the exchange
 * makes every publish fail (the broker closes the channel), so the confirm never comes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=command-side", "shutter.relay.confirm-timeout=PT2S"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayConfirmIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final BrokerObjects BROKER = BrokerObjects.forRun("relay." + RUN);
    private static final String EXCHANGE = BROKER.exchange();

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    AmqpAdmin amqpAdmin;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.register(registry, "command_side_relay", BROKER);
    }

    @Test
    void theTokenStaysBeforeAnUnconfirmedEventAndMovesOnOnceTheBrokerAcceptsIt() throws Exception {
        String first = register();
        long firstIndex = globalIndexOf(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> relayPosition() >= firstIndex);

        amqpAdmin.deleteExchange(EXCHANGE);
        String second = register();
        long secondIndex = globalIndexOf(second);
        Thread.sleep(4000);
        assertThat(relayPosition())
                .as("the relay must not skip the unconfirmed event")
                .isLessThan(secondIndex);

        TopicExchange exchange = new TopicExchange(EXCHANGE, true, false);
        amqpAdmin.declareExchange(exchange);
        String queue = "test.relayed." + UUID.randomUUID();
        // not exclusive: the broker may see the declaring and the reading channel on different connections
        amqpAdmin.declareQueue(QueueBuilder.nonDurable(queue).expires(300_000).build());
        amqpAdmin.declareBinding(
                BindingBuilder.bind(new Queue(queue)).to(exchange).with(AmqpTopology.ALL_EVENTS));

        await().atMost(Duration.ofSeconds(90)).until(() -> relayPosition() >= secondIndex);
        Message relayed = null;
        for (int i = 0; i < 30 && relayed == null; i++) {
            Message message = rabbitTemplate.receive(queue, 1000);
            if (message != null
                    && second.equals(String.valueOf(
                            message.getMessageProperties().getHeaders().get(WireHeaders.AGGREGATE_ID)))) {
                relayed = message;
            }
        }
        assertThat(relayed).as("the event held back is published after all").isNotNull();
        assertThat(relayed.getMessageProperties().getReceivedRoutingKey()).isEqualTo(UserRegistered.class.getName());
    }

    @AfterAll
    void removeBrokerObjects() {
        listeners.stop();
        BROKER.removeFrom(amqpAdmin);
    }

    private String register() {
        String name = "relay_" + UUID.randomUUID().toString().substring(0, 8);
        var response = http.postForEntity(
                "/api/users",
                Map.of(
                        "username",
                        name,
                        "email",
                        name + "@example.com",
                        "password",
                        "correct horse battery",
                        "displayName",
                        "Relay"),
                JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return response.getBody().get("id").asText();
    }

    private long globalIndexOf(String aggregateId) {
        return jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, aggregateId);
    }

    private long relayPosition() throws Exception {
        var tokens = jdbc.queryForList(
                "SELECT token FROM token_entry WHERE processor_name = ? AND token IS NOT NULL",
                byte[].class,
                AmqpRelay.PROCESSING_GROUP);
        if (tokens.isEmpty()) {
            return -1;
        }
        return objectMapper.readTree(tokens.get(0)).path("index").asLong(-1);
    }
}
