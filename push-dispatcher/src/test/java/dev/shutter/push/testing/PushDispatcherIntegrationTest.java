package dev.shutter.push.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.devstack.infra.FakeFcm;
import dev.shutter.devstack.infra.FcmMessage;
import dev.shutter.devstack.infra.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The whole push-dispatcher on a random port against the test broker, the in-process MongoDB and a fake FCM of its
 * own. Subclasses register {@link #INFRA}-like settings through their own {@code @DynamicPropertySource}, so each
 * class gets its own queues and database.
 */
@SpringBootTest(
        properties = "spring.config.name=push-dispatcher",
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class PushDispatcherIntegrationTest {

    protected static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    protected RabbitTemplate rabbit;

    @Autowired
    protected ObjectMapper objectMapper;

    @Autowired
    protected MongoTemplate mongo;

    @Autowired
    private RabbitListenerEndpointRegistry listeners;

    @LocalServerPort
    protected int port;

    protected WireEvents events;

    private final HttpClient http = HttpClient.newHttpClient();

    protected abstract PushTestInfrastructure infra();

    protected abstract FakeFcm fcm();

    /** Queues of the test's own that must go too. */
    protected List<String> extraQueues() {
        return List.of();
    }

    /** Whether every event is also appended to this run's event store, as the command side does, for rebuilds. */
    protected boolean storesEvents() {
        return false;
    }

    @BeforeEach
    void resetFcmAndEvents() {
        fcm().reset();
        events = new WireEvents(infra().publisher(), objectMapper, infra().exchange);
        if (storesEvents()) {
            events.storingIn(infra().eventStoreWriter());
        }
    }

    @AfterAll
    void stopListenersAndRemoveBrokerObjects() {
        listeners.stop();
        infra().removeBrokerObjects(extraQueues());
        fcm().close();
    }

    /**
     * The event queue has one consumer and keeps order, and the tests send work items with one consumer too: once a
     * post published now has been pushed, everything published before it has been handled.
     */
    protected void awaitEverythingPublishedSoFarIsHandled() {
        String author = events.userRegistered("marker-author");
        String follower = events.userRegistered("marker-follower");
        String phone = events.deviceRegistered(follower);
        events.followed(follower, author);
        events.postPublished(author, UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> messagesTo(phone).stream()
                .anyMatch(message -> "new_post".equals(message.data().get("type"))));
    }

    protected List<FcmMessage> messagesTo(String token) {
        return messagesTo(List.of(token));
    }

    protected List<FcmMessage> messagesTo(List<String> tokens) {
        Set<String> wanted = Set.copyOf(tokens);
        return fcm().messages().stream()
                .filter(message -> wanted.contains(message.token()))
                .toList();
    }

    protected List<FcmMessage> messagesTo(String token, String type) {
        return messagesTo(token).stream()
                .filter(message -> type.equals(message.data().get("type")))
                .toList();
    }

    protected static String tokenOf(String userId) {
        return TestInfrastructure.jwtKeys().token(userId, "user-" + userId, Set.of("user"), Duration.ofMinutes(5));
    }

    protected static String adminToken() {
        return TestInfrastructure.jwtKeys().token("admin-id", "admin", Set.of("user", "admin"), Duration.ofMinutes(5));
    }

    protected Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    protected Response put(String path, String token, String json) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    protected Response post(String path, String token) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    protected Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : objectMapper.readTree(response.body());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer: status, content type and JSON body (null when empty). */
    public record Response(int status, String contentType, JsonNode body) {}
}
