package dev.shutter.media.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.devstack.infra.ObjectStorage;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.media.MediaStored;
import dev.shutter.media.TestImages;
import dev.shutter.platform.outbox.Outbox;
import dev.shutter.platform.outbox.OutboxMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * With the broker unreachable an upload is still accepted: the photo is recorded with its {@code MediaStored} in its
 * outbox, where the event waits for the broker. A database of its own, so nothing it leaves pending is published by
 * another test's service.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=media-uploader", "shutter.outbox.poll-interval=200ms"})
class BrokerUnavailableIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", BrokerUnavailableIT::closedPort);
        registry.add("shutter.amqp.namespace", () -> "test-media-down-" + RUN);
        registry.add("spring.data.mongodb.uri", () -> TestInfrastructure.mongo().uri());
        registry.add("spring.data.mongodb.database", () -> "media_down_" + RUN);
        ObjectStorage storage = TestInfrastructure.objectStorage();
        registry.add("shutter.s3.endpoint", () -> storage.endpoint().toString());
        registry.add("shutter.s3.region", storage::region);
        registry.add("shutter.s3.access-key", storage::accessKey);
        registry.add("shutter.s3.secret-key", storage::secretKey);
        registry.add("shutter.s3.bucket", () -> "media-it-down");
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> "file:" + TestInfrastructure.jwtKeys().publicKeyFile());
    }

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private ObjectMapper json;

    @Autowired
    private Outbox outbox;

    @Autowired
    private MediaCatalog catalog;

    private final String ownerId = UUID.randomUUID().toString();

    @Test
    void acceptsTheUploadAndKeepsItsMediaStoredInTheOutboxUntilTheBrokerAnswers() throws Exception {
        ResponseEntity<String> response = upload(TestImages.jpeg(320, 240));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = json.readTree(response.getBody()).get("id").asText();
        MediaDocument media = catalog.find(id).orElseThrow();
        Thread.sleep(1_000); // several polls of the relay, every one failing
        List<OutboxMessage> pending = outbox.pending(MediaCatalog.COLLECTION, id);
        assertThat(pending).singleElement().satisfies(message -> {
            assertThat(message.id()).isEqualTo(media.eventId());
            assertThat(message.headers())
                    .containsEntry(WireHeaders.MESSAGE_TYPE, MediaStored.class.getName())
                    .containsEntry(WireHeaders.AGGREGATE_ID, id);
        });
        assertThat(get("/api/media/" + id).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<String> upload(byte[] bytes) {
        HttpHeaders partHeaders = new HttpHeaders();
        partHeaders.setContentType(MediaType.IMAGE_JPEG);
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add(
                "file",
                new HttpEntity<>(
                        new ByteArrayResource(bytes) {
                            @Override
                            public String getFilename() {
                                return "photo.jpg";
                            }
                        },
                        partHeaders));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setBearerAuth(token());
        return http.exchange("/api/media", HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    private ResponseEntity<String> get(String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token());
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private String token() {
        return TestInfrastructure.jwtKeys().token(ownerId, "grace", Set.of("user"), Duration.ofMinutes(5));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
