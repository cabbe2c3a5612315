package dev.shutter.media.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.ObjectStorage;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.media.MediaDeleted;
import dev.shutter.events.media.MediaStored;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.media.MediaUploaderApplication;
import dev.shutter.media.TestImages;
import dev.shutter.platform.amqp.EventsTopology;
import dev.shutter.platform.outbox.Outbox;
import dev.shutter.platform.outbox.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestTemplate;

/**
 * The service dies between its write and its publish: a first instance records a photo, and later its deletion, with
 * its relay off (it publishes nothing, as if the process had died right after each write) and is closed; a new
 * instance on the same MongoDB and broker publishes both events, in order, to the command side's queue.
 */
class MediaOutboxCrashIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final EventsTopology TOPOLOGY = new EventsTopology("test-media-crash-" + RUN);
    private static final String COMMAND_SIDE_QUEUE = TOPOLOGY.queue(AmqpTopology.COMMAND_SIDE_MEDIA_QUEUE);

    private final String ownerId = UUID.randomUUID().toString();
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
        TestTopology.remove(new RabbitAdmin(connections), TOPOLOGY);
        connections.destroy();
    }

    @Test
    void aPhotoRecordedJustBeforeACrashIsAnnouncedByTheRestartedServiceAndItsDeletionAfterIt() throws Exception {
        service = start(false);
        String mediaId = upload(service);
        String post = UUID.randomUUID().toString();
        publish(post, 0, new PostPublished(post, ownerId, "", List.of(mediaId), Instant.now()));
        publish(post, 1, new PostDeleted(post, ownerId, Instant.now()));
        Outbox outbox = service.getBean(Outbox.class);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> outbox.pending(MediaCatalog.COLLECTION, mediaId).size() == 2);
        assertThat(rabbit.receive(COMMAND_SIDE_QUEUE, 1_000))
                .as("nothing published before the crash")
                .isNull();
        List<OutboxMessage> recorded = outbox.pending(MediaCatalog.COLLECTION, mediaId);
        service.close();

        service = start(true);

        Message stored = rabbit.receive(COMMAND_SIDE_QUEUE, 20_000);
        Message deleted = rabbit.receive(COMMAND_SIDE_QUEUE, 20_000);
        assertThat(stored).as("MediaStored on the command side's queue").isNotNull();
        assertThat(stored.getMessageProperties().getHeaders())
                .containsEntry(WireHeaders.MESSAGE_TYPE, MediaStored.class.getName())
                .containsEntry(WireHeaders.MESSAGE_ID, recorded.get(0).id())
                .containsEntry(WireHeaders.AGGREGATE_ID, mediaId)
                .containsEntry(WireHeaders.AGGREGATE_SEQUENCE, 0L);
        assertThat(json.readValue(stored.getBody(), MediaStored.class).ownerId())
                .isEqualTo(ownerId);
        assertThat(deleted).as("MediaDeleted after it").isNotNull();
        assertThat(deleted.getMessageProperties().getHeaders())
                .containsEntry(WireHeaders.MESSAGE_TYPE, MediaDeleted.class.getName())
                .containsEntry(WireHeaders.MESSAGE_ID, recorded.get(1).id())
                .containsEntry(WireHeaders.AGGREGATE_SEQUENCE, 1L);
        Outbox restarted = service.getBean(Outbox.class);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> restarted.pending(MediaCatalog.COLLECTION, mediaId).isEmpty());
    }

    private ConfigurableApplicationContext start(boolean relayEnabled) {
        AmqpBroker amqp = TestInfrastructure.amqp();
        ObjectStorage storage = TestInfrastructure.objectStorage();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.rabbitmq.host", amqp.host());
        properties.put("spring.rabbitmq.port", amqp.port());
        properties.put("spring.rabbitmq.username", amqp.username());
        properties.put("spring.rabbitmq.password", amqp.password());
        properties.put("spring.rabbitmq.virtual-host", amqp.virtualHost());
        properties.put("shutter.amqp.namespace", "test-media-crash-" + RUN);
        properties.put("shutter.outbox.relay-enabled", relayEnabled);
        properties.put("spring.data.mongodb.uri", TestInfrastructure.mongo().uri());
        properties.put("spring.data.mongodb.database", "media_crash_" + RUN);
        properties.put("shutter.s3.endpoint", storage.endpoint().toString());
        properties.put("shutter.s3.region", storage.region());
        properties.put("shutter.s3.access-key", storage.accessKey());
        properties.put("shutter.s3.secret-key", storage.secretKey());
        properties.put("shutter.s3.bucket", "media-crash-" + RUN);
        properties.put(
                "spring.security.oauth2.resourceserver.jwt.public-key-location",
                "file:" + TestInfrastructure.jwtKeys().publicKeyFile());
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return MediaUploaderApplication.application().run(arguments);
    }

    private String upload(ConfigurableApplicationContext running) throws Exception {
        HttpHeaders partHeaders = new HttpHeaders();
        partHeaders.setContentType(MediaType.IMAGE_JPEG);
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add(
                "file",
                new HttpEntity<>(
                        new ByteArrayResource(TestImages.jpeg(320, 240)) {
                            @Override
                            public String getFilename() {
                                return "photo.jpg";
                            }
                        },
                        partHeaders));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setBearerAuth(
                TestInfrastructure.jwtKeys().token(ownerId, "ada", Set.of("user"), Duration.ofMinutes(5)));
        String port = running.getEnvironment().getProperty("local.server.port");
        String body = new RestTemplate()
                .postForObject(
                        "http://127.0.0.1:" + port + "/api/media", new HttpEntity<>(form, headers), String.class);
        return json.readTree(body).get("id").asText();
    }

    private void publish(String aggregateId, long sequence, Record event) throws Exception {
        String eventId = UUID.randomUUID().toString();
        rabbit.send(
                TOPOLOGY.exchange(),
                AmqpTopology.routingKey(event.getClass()),
                MessageBuilder.withBody(json.writeValueAsBytes(event))
                        .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                        .setHeader(WireHeaders.MESSAGE_ID, eventId)
                        .setHeader(WireHeaders.MESSAGE_TYPE, event.getClass().getName())
                        .setHeader(WireHeaders.AGGREGATE_ID, aggregateId)
                        .setHeader(WireHeaders.AGGREGATE_SEQUENCE, sequence)
                        .build());
    }
}
