package dev.shutter.media.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.devstack.infra.AmqpBroker;
import dev.shutter.devstack.infra.ObjectStorage;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.media.MediaStored;
import dev.shutter.media.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
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
import software.amazon.awssdk.services.s3.S3Client;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=media-uploader", "shutter.media.max-upload-size=1MB"})
class MediaUploadIT {

    private static final String EXCHANGE = "test.media." + UUID.randomUUID();
    private static final String BUCKET =
            "media-it-" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        AmqpBroker amqp = TestInfrastructure.amqp();
        registry.add("spring.rabbitmq.host", amqp::host);
        registry.add("spring.rabbitmq.port", amqp::port);
        registry.add("spring.rabbitmq.username", amqp::username);
        registry.add("spring.rabbitmq.password", amqp::password);
        registry.add("spring.rabbitmq.virtual-host", amqp::virtualHost);
        registry.add("shutter.amqp.exchange", () -> EXCHANGE);
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
    private TestRestTemplate http;

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private S3Client s3;

    @Autowired
    private RabbitTemplate rabbit;

    @Autowired
    private AmqpAdmin admin;

    @Autowired
    private ObjectMapper json;

    private final String ownerId = UUID.randomUUID().toString();
    private String eventQueue;

    @BeforeEach
    void listenToMediaEvents() {
        AnonymousQueue queue = new AnonymousQueue();
        eventQueue = admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue)
                .to(new TopicExchange(EXCHANGE))
                .with(AmqpTopology.routingKey(MediaStored.class)));
    }

    @AfterEach
    void stopListening() {
        admin.deleteQueue(eventQueue);
    }

    @Test
    void storesAJpegWithItsVariantsAndAnnouncesIt() throws IOException {
        byte[] photo = TestImages.jpeg(1600, 1200);

        ResponseEntity<String> response = upload(photo, "holiday.jpg", MediaType.IMAGE_JPEG, token());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(response.getBody());
        String id = body.get("id").asText();
        assertThat(response.getHeaders().getLocation()).hasToString("/api/media/" + id);
        assertThat(body.get("status").asText()).isEqualTo("READY");
        assertThat(body.get("width").asInt()).isEqualTo(1600);
        assertThat(body.get("height").asInt()).isEqualTo(1200);
        assertThat(body.at("/urls/original").asText()).isEqualTo("/api/media/" + id + "/original");
        assertThat(body.at("/urls/large").asText()).isEqualTo("/api/media/" + id + "/large");
        assertThat(body.at("/urls/small").asText()).isEqualTo("/api/media/" + id + "/small");

        assertThat(mongo.getDb().getName()).isEqualTo("media");
        MediaDocument media = mongo.findById(id, MediaDocument.class);
        assertThat(media).isNotNull();
        assertThat(media.ownerId()).isEqualTo(ownerId);
        assertThat(media.contentType()).isEqualTo("image/jpeg");
        assertThat(media.published()).isTrue();
        assertThat(media.objectKeys().original()).doesNotContain(ownerId).endsWith("/original");
        assertThat(stored(media.objectKeys().original())).isEqualTo(photo);
        BufferedImage large = TestImages.decode(stored(media.objectKeys().large()));
        assertThat(large.getWidth()).isEqualTo(1080);
        assertThat(large.getHeight()).isEqualTo(810);
        BufferedImage small = TestImages.decode(stored(media.objectKeys().small()));
        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(small.getHeight()).isEqualTo(320);
    }

    @Test
    void publishesMediaStoredInTheWireFormat() throws IOException {
        ResponseEntity<String> response = upload(TestImages.png(640, 400), "a.png", MediaType.IMAGE_PNG, token());
        String id = json.readTree(response.getBody()).get("id").asText();

        Message message = rabbit.receive(eventQueue, 10_000);

        assertThat(message).as("MediaStored on " + EXCHANGE).isNotNull();
        assertThat(message.getMessageProperties().getReceivedRoutingKey())
                .isEqualTo("dev.shutter.events.media.MediaStored");
        assertThat(message.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
        Map<String, Object> headers = message.getMessageProperties().getHeaders();
        assertThat(UUID.fromString(headers.get(WireHeaders.MESSAGE_ID).toString()))
                .isNotNull();
        assertThat(headers.get(WireHeaders.MESSAGE_TYPE).toString()).isEqualTo(MediaStored.class.getName());
        assertThat(headers.get(WireHeaders.AGGREGATE_ID).toString()).isEqualTo(id);
        assertThat(headers.get(WireHeaders.AGGREGATE_SEQUENCE)).isEqualTo(0L);
        assertThat(headers.get(WireHeaders.TIMESTAMP)).isInstanceOf(Long.class);
        assertThat(headers).doesNotContainKey(WireHeaders.GLOBAL_INDEX);
        JsonNode event = json.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
        assertThat(event.get("mediaId").asText()).isEqualTo(id);
        assertThat(event.get("ownerId").asText()).isEqualTo(ownerId);
        assertThat(event.get("contentType").asText()).isEqualTo("image/png");
        assertThat(event.get("width").asInt()).isEqualTo(640);
        assertThat(event.get("height").asInt()).isEqualTo(400);
        assertThat(event.get("storedAt").isTextual()).isTrue();
        assertThat(Instant.parse(event.get("storedAt").asText()).toEpochMilli())
                .isEqualTo(headers.get(WireHeaders.TIMESTAMP));
    }

    @Test
    void announcesOnItsNextReadAMediaWhosePublicationFailedEarlier() throws IOException {
        String id = UUID.randomUUID().toString();
        mongo.insert(new MediaDocument(
                id,
                ownerId,
                MediaDocument.READY,
                "image/jpeg",
                10,
                10,
                ObjectKeys.underRandomPrefix(),
                Instant.parse("2026-01-02T03:04:05.678Z"),
                "e2f1c7d0-0000-4000-8000-000000000001",
                false));

        ResponseEntity<String> fetched = get("/api/media/" + id, token());

        assertThat(fetched.getStatusCode()).isEqualTo(HttpStatus.OK);
        Message message = rabbit.receive(eventQueue, 10_000);
        assertThat(message).isNotNull();
        assertThat(message.getMessageProperties().getHeaders().get(WireHeaders.MESSAGE_ID))
                .hasToString("e2f1c7d0-0000-4000-8000-000000000001");
        assertThat(message.getMessageProperties().getHeaders().get(WireHeaders.TIMESTAMP))
                .isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z").toEpochMilli());
        assertThat(mongo.findById(id, MediaDocument.class).published()).isTrue();
    }

    @Test
    void answersTheDocumentOfAnUpload() throws IOException {
        ResponseEntity<String> created = upload(TestImages.jpeg(500, 700), "p.jpg", MediaType.IMAGE_JPEG, token());
        String id = json.readTree(created.getBody()).get("id").asText();

        ResponseEntity<String> fetched = get("/api/media/" + id, token());

        assertThat(fetched.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(fetched.getBody())).isEqualTo(json.readTree(created.getBody()));
    }

    @Test
    void servesTheVariantsWithoutATokenAndLetsClientsCacheThemForever() throws IOException {
        byte[] photo = TestImages.jpeg(900, 600);
        String id = json.readTree(
                        upload(photo, "p.jpg", MediaType.IMAGE_JPEG, token()).getBody())
                .get("id")
                .asText();

        ResponseEntity<byte[]> small = http.getForEntity("/api/media/" + id + "/small", byte[].class);
        ResponseEntity<byte[]> large = http.getForEntity("/api/media/" + id + "/large", byte[].class);
        ResponseEntity<byte[]> original = http.getForEntity("/api/media/" + id + "/original", byte[].class);

        assertThat(small.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(small.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_JPEG);
        assertThat(small.getHeaders().getCacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(TestImages.decode(small.getBody()).getWidth()).isEqualTo(320);
        assertThat(TestImages.decode(large.getBody()).getWidth()).isEqualTo(900);
        assertThat(original.getBody()).isEqualTo(photo);
    }

    @Test
    void acceptsAWebpAndServesItsOriginalAsWebp() throws IOException {
        ResponseEntity<String> response =
                upload(TestImages.webp(), "x.webp", MediaType.APPLICATION_OCTET_STREAM, token());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("width").asInt()).isEqualTo(48);
        assertThat(body.get("height").asInt()).isEqualTo(32);
        ResponseEntity<byte[]> original =
                http.getForEntity(body.at("/urls/original").asText(), byte[].class);
        assertThat(original.getHeaders().getContentType()).isEqualTo(MediaType.parseMediaType("image/webp"));
        assertThat(original.getBody()).isEqualTo(TestImages.webp());
    }

    @Test
    void answers404ForAnUnknownMediaOrVariant() throws IOException {
        String id = json.readTree(upload(TestImages.jpeg(64, 64), "p.jpg", MediaType.IMAGE_JPEG, token())
                        .getBody())
                .get("id")
                .asText();

        assertProblem(get("/api/media/" + UUID.randomUUID(), token()), HttpStatus.NOT_FOUND, "NOT_FOUND");
        assertProblem(get("/api/media/" + UUID.randomUUID() + "/small", null), HttpStatus.NOT_FOUND, "NOT_FOUND");
        assertProblem(get("/api/media/" + id + "/huge", null), HttpStatus.NOT_FOUND, "NOT_FOUND");
    }

    @Test
    void answersAnImageClientAskingForAnUnknownVariantWithAProblem() throws IOException {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.parseMediaType("image/*")));

        ResponseEntity<String> response = http.exchange(
                "/api/media/" + UUID.randomUUID() + "/small", HttpMethod.GET, new HttpEntity<>(headers), String.class);

        assertProblem(response, HttpStatus.NOT_FOUND, "NOT_FOUND");
    }

    @Test
    void rejectsAnHtmlPageNamedLikeAPhoto() throws IOException {
        byte[] page = "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);

        ResponseEntity<String> response = upload(page, "cat.jpg", MediaType.IMAGE_JPEG, token());

        assertProblem(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(mediaOfOwner()).isZero();
    }

    @Test
    void rejectsATruncatedJpegAsCorrupt() throws IOException {
        ResponseEntity<String> response = upload(TestImages.truncatedJpeg(), "cut.jpg", MediaType.IMAGE_JPEG, token());

        assertProblem(response, HttpStatus.UNPROCESSABLE_ENTITY, "CORRUPT_IMAGE");
        assertThat(mediaOfOwner()).isZero();
    }

    @Test
    void rejectsAPngDeclaringFiftyThousandPixelsSquareWithoutDecodingIt() throws IOException {
        ResponseEntity<String> response =
                upload(TestImages.pngHeaderOnly(50_000, 50_000), "bomb.png", MediaType.IMAGE_PNG, token());

        assertProblem(response, HttpStatus.UNPROCESSABLE_ENTITY, "IMAGE_TOO_LARGE");
    }

    @Test
    void rejectsAnUploadOverTheSizeLimit() throws IOException {
        byte[] oversized = new byte[6_000_000];
        System.arraycopy(TestImages.jpeg(64, 64), 0, oversized, 0, 100);

        ResponseEntity<String> response = upload(oversized, "big.jpg", MediaType.IMAGE_JPEG, token());

        assertProblem(response, HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE");
        assertThat(mediaOfOwner()).isZero();
    }

    @Test
    void rejectsAnUploadWithoutAFilePart() throws IOException {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token());
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("caption", "no file here");

        ResponseEntity<String> response =
                http.exchange("/api/media", HttpMethod.POST, new HttpEntity<>(form, headers), String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void requiresATokenToUpload() throws IOException {
        assertProblem(
                upload(TestImages.jpeg(64, 64), "p.jpg", MediaType.IMAGE_JPEG, null),
                HttpStatus.UNAUTHORIZED,
                "UNAUTHORIZED");
        assertProblem(
                upload(TestImages.jpeg(64, 64), "p.jpg", MediaType.IMAGE_JPEG, "not.a.token"),
                HttpStatus.UNAUTHORIZED,
                "UNAUTHORIZED");
        assertProblem(get("/api/media/" + UUID.randomUUID(), null), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        assertThat(mediaOfOwner()).isZero();
    }

    @Test
    void reportsHealthWithoutAToken() {
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private String token() {
        return TestInfrastructure.jwtKeys().token(ownerId, "ada", Set.of("user"), Duration.ofMinutes(5));
    }

    private ResponseEntity<String> upload(byte[] bytes, String filename, MediaType claimedType, String token) {
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

    private ResponseEntity<String> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private void assertProblem(ResponseEntity<String> response, HttpStatus status, String code) throws IOException {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(status.value());
        assertThat(problem.get("code").asText()).isEqualTo(code);
    }

    private byte[] stored(String key) {
        return s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asByteArray();
    }

    private long mediaOfOwner() {
        return mongo.count(Query.query(Criteria.where("ownerId").is(ownerId)), MediaDocument.class);
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
