package dev.shutter.media.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.ObjectStorage;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.platform.amqp.EventsTopology;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Base of the integration tests: the whole service on a random port against the test
 * infrastructure, with a namespace of its own on the broker (the whole topology, removed
 * afterwards) and a bucket of its own, an upload limit of 1 MB, quick retries of failing
 * events, and a queue that hears every media event it publishes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=media-uploader",
            "shutter.media.max-upload-size=1MB",
            "shutter.consumer.first-backoff=20ms",
            "shutter.consumer.max-backoff=100ms"
        })
@DirtiesContext
abstract class MediaUploaderIntegrationTest {

    protected static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    protected static final EventsTopology TOPOLOGY = new EventsTopology("test-media-" + RUN);
    protected static final String EXCHANGE = TOPOLOGY.exchange();
    protected static final String QUEUE = TOPOLOGY.queue(AmqpTopology.MEDIA_UPLOADER_QUEUE);
    protected static final String BUCKET = "media-it-" + RUN;
    private static final HttpClient STORE_CLIENT = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        AmqpBroker amqp = TestInfrastructure.amqp();
        registry.add("spring.rabbitmq.host", amqp::host);
        registry.add("spring.rabbitmq.port", amqp::port);
        registry.add("spring.rabbitmq.username", amqp::username);
        registry.add("spring.rabbitmq.password", amqp::password);
        registry.add("spring.rabbitmq.virtual-host", amqp::virtualHost);
        registry.add("shutter.amqp.namespace", () -> "test-media-" + RUN);
        registry.add("spring.data.mongodb.uri", () -> TestInfrastructure.mongo().uri());
        ObjectStorage storage = TestInfrastructure.objectStorage();
        registry.add("shutter.s3.endpoint", () -> storage.endpoint().toString());
        registry.add("shutter.s3.region", storage::region);
        registry.add("shutter.s3.access-key", storage::accessKey);
        registry.add("shutter.s3.secret-key", storage::secretKey);
        registry.add("shutter.s3.bucket", () -> BUCKET);
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> "file:" + TestInfrastructure.jwtKeys().publicKeyFile());
    }

    @Autowired
    protected TestRestTemplate http;

    @Autowired
    protected MongoTemplate mongo;

    @Autowired
    protected S3Client s3;

    @Autowired
    protected RabbitTemplate rabbit;

    @Autowired
    protected AmqpAdmin admin;

    @Autowired
    protected ObjectMapper json;

    protected final String ownerId = UUID.randomUUID().toString();
    protected String eventQueue;

    @BeforeEach
    void listenToMediaEvents() {
        // Exclusive but not auto-deleted: every receive below subscribes and unsubscribes again.
        Queue queue = new Queue("test.media-events." + UUID.randomUUID(), false, true, false);
        eventQueue = admin.declareQueue(queue);
        admin.declareBinding(
                BindingBuilder.bind(queue).to(new TopicExchange(EXCHANGE)).with(AmqpTopology.MEDIA_EVENTS));
    }

    @AfterEach
    void stopListening() {
        admin.deleteQueue(eventQueue);
    }

    /** Leaves the shared broker as it was: the listener stops first so nothing declares the queues again. */
    @AfterAll
    static void removeBrokerObjects(@Autowired RabbitListenerEndpointRegistry listeners, @Autowired AmqpAdmin admin) {
        listeners.stop();
        TestTopology.remove(admin, TOPOLOGY);
    }

    protected String token() {
        return tokenOf(ownerId);
    }

    protected static String tokenOf(String userId) {
        return TestInfrastructure.jwtKeys().token(userId, "ada", Set.of("user"), Duration.ofMinutes(5));
    }

    protected ResponseEntity<String> upload(byte[] bytes, String filename, MediaType claimedType, String token) {
        HttpHeaders partHeaders = new HttpHeaders();
        partHeaders.setContentType(claimedType);
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new HttpEntity<>(new NamedBytes(bytes, filename), partHeaders));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange("/api/media", HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    /** Uploads a photo and answers its id. */
    protected String uploaded(byte[] photo) throws IOException {
        ResponseEntity<String> response = upload(photo, "photo.jpg", MediaType.IMAGE_JPEG, token());
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return json.readTree(response.getBody()).get("id").asText();
    }

    protected ResponseEntity<String> get(String path, String token) {
        return call(HttpMethod.GET, path, token, null);
    }

    protected ResponseEntity<String> call(HttpMethod method, String path, String token, Object body) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    /** PUTs bytes to a presigned URL the way an app does, straight to the object store. */
    protected static int put(String url, byte[] bytes) throws IOException, InterruptedException {
        return STORE_CLIENT
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    protected void assertProblem(ResponseEntity<String> response, HttpStatus status, String code) throws IOException {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(status.value());
        assertThat(problem.get("code").asText()).isEqualTo(code);
    }

    protected byte[] stored(String key) {
        return s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asByteArray();
    }

    protected boolean exists(String key) {
        try {
            s3.headObject(request -> request.bucket(BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    protected long mediaOfOwner() {
        return mongo.count(Query.query(Criteria.where("ownerId").is(ownerId)), MediaDocument.class);
    }

    /** The next media event of the given type on the test's queue, skipping others; null after 10 s. */
    protected Message nextEvent(Class<?> type) {
        return nextEvent(type, null);
    }

    /** The next media event of the given type about that media (any, when null), skipping others; null after 10 s. */
    protected Message nextEvent(Class<?> type, String mediaId) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Message message = rabbit.receive(eventQueue, 1_000);
            if (message == null) {
                continue;
            }
            Map<String, Object> headers = message.getMessageProperties().getHeaders();
            if (type.getName().equals(String.valueOf(headers.get(WireHeaders.MESSAGE_TYPE)))
                    && (mediaId == null || mediaId.equals(String.valueOf(headers.get(WireHeaders.AGGREGATE_ID))))) {
                return message;
            }
        }
        return null;
    }

    protected JsonNode body(Message message) throws IOException {
        return json.readTree(message.getBody());
    }

    /** Publishes an event the way command-side's relay does. */
    protected void publishEvent(String aggregateId, long sequence, Record event) throws IOException {
        String eventId = UUID.randomUUID().toString();
        Message message = MessageBuilder.withBody(json.writeValueAsBytes(event))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setMessageId(eventId)
                .setHeader(WireHeaders.MESSAGE_ID, eventId)
                .setHeader(WireHeaders.MESSAGE_TYPE, event.getClass().getName())
                .setHeader(WireHeaders.TIMESTAMP, Instant.now().toEpochMilli())
                .setHeader(WireHeaders.AGGREGATE_ID, aggregateId)
                .setHeader(WireHeaders.AGGREGATE_SEQUENCE, sequence)
                .setHeader(WireHeaders.AGGREGATE_TYPE, "Post")
                .build();
        rabbit.send(EXCHANGE, AmqpTopology.routingKey(event.getClass()), message);
    }

    protected static Map<String, Object> sizeOf(long bytes) {
        return Map.of("size", bytes);
    }

    private static final class NamedBytes extends ByteArrayResource {

        private final String filename;

        NamedBytes(byte[] bytes, String filename) {
            super(bytes);
            this.filename = filename;
        }

        @Override
        public String getFilename() {
            return filename;
        }
    }
}
