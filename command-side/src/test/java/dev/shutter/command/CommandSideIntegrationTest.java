package dev.shutter.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.JdbcDatabase;
import dev.shutter.devstack.infra.JwtKeys;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole command side on a random port, against a fresh
 * PostgreSQL database and a RabbitMQ exchange and queue of its own.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=command-side")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CommandSideIntegrationTest {

    protected static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    protected static final String EXCHANGE = "test.shutter.events." + RUN;
    protected static final String MEDIA_QUEUE = "test.shutter.command-side.media." + RUN;

    @Autowired
    protected TestRestTemplate http;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected ObjectMapper objectMapper;

    @Autowired
    protected AmqpAdmin amqpAdmin;

    @Autowired
    private RabbitListenerEndpointRegistry listeners;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        JdbcDatabase database = TestInfrastructure.postgres().freshDatabase("command_side");
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        AmqpBroker broker = TestInfrastructure.amqp();
        registry.add("spring.rabbitmq.host", broker::host);
        registry.add("spring.rabbitmq.port", broker::port);
        registry.add("spring.rabbitmq.username", broker::username);
        registry.add("spring.rabbitmq.password", broker::password);
        registry.add("spring.rabbitmq.virtual-host", broker::virtualHost);
        registry.add("shutter.amqp.exchange", () -> EXCHANGE);
        registry.add("shutter.amqp.media-queue", () -> MEDIA_QUEUE);
        JwtKeys keys = TestInfrastructure.jwtKeys();
        registry.add("shutter.jwt.private-key-location", () -> "file:" + keys.privateKeyFile());
        registry.add("shutter.jwt.public-key-location", () -> "file:" + keys.publicKeyFile());
    }

    /** Leaves the shared broker as it was: the listener stops first so nothing re-declares the queues. */
    @AfterAll
    void removeBrokerObjects() {
        listeners.stop();
        amqpAdmin.deleteQueue(MEDIA_QUEUE);
        amqpAdmin.deleteQueue(AmqpTopology.deadLetterQueue(MEDIA_QUEUE));
        amqpAdmin.deleteExchange(EXCHANGE);
    }

    protected ResponseEntity<JsonNode> call(HttpMethod method, String path, String token, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    protected String register(String username) {
        ResponseEntity<JsonNode> response = call(
                HttpMethod.POST,
                "/api/users",
                null,
                Map.of(
                        "username", username,
                        "email", username + "@example.com",
                        "password", "correct horse " + username,
                        "displayName", "User " + username));
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("Registration of " + username + " failed: " + response);
        }
        return response.getBody().get("id").asText();
    }

    protected String tokenOf(String username) {
        return tokenOf(username, username);
    }

    /** Logs in as {@code username}, who registered through {@link #register}, typing {@code login}. */
    protected String tokenOf(String login, String username) {
        ResponseEntity<JsonNode> response = call(
                HttpMethod.POST,
                "/api/auth/token",
                null,
                Map.of("login", login, "password", "correct horse " + username));
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("Login of " + username + " failed: " + response);
        }
        return response.getBody().get("accessToken").asText();
    }

    protected static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected long eventCount(String aggregateId, Class<?> type) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
                Long.class,
                aggregateId,
                type.getName());
    }

    protected JsonNode storedPayload(String aggregateId, Class<?> type) throws Exception {
        byte[] payload = jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
                byte[].class,
                aggregateId,
                type.getName());
        return objectMapper.readTree(new String(payload, StandardCharsets.UTF_8));
    }
}
