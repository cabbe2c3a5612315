package dev.shutter.media.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.devstack.infra.ObjectStorage;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.media.TestImages;
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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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

/** With the broker unreachable an upload must not be reported as done. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=media-uploader")
class BrokerUnavailableIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", BrokerUnavailableIT::closedPort);
        registry.add("shutter.amqp.exchange", () -> "test.media." + UUID.randomUUID());
        registry.add("spring.data.mongodb.uri", () -> TestInfrastructure.mongo().uri());
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
    private MongoTemplate mongo;

    @Autowired
    private ObjectMapper json;

    private final String ownerId = UUID.randomUUID().toString();

    @Test
    void answers503AndKeepsTheUploadForALaterAnnouncement() throws IOException {
        ResponseEntity<String> response = upload(TestImages.jpeg(320, 240));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        List<MediaDocument> kept =
                mongo.find(Query.query(Criteria.where("ownerId").is(ownerId)), MediaDocument.class);
        assertThat(kept).singleElement().satisfies(media -> assertThat(media.published())
                .isFalse());

        ResponseEntity<String> read = get("/api/media/" + kept.get(0).id());

        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
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
