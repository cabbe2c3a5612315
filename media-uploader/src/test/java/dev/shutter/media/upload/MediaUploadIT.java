package dev.shutter.media.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.media.MediaStored;
import dev.shutter.media.TestImages;
import dev.shutter.platform.outbox.Outbox;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class MediaUploadIT extends MediaUploaderIntegrationTest {

    @Autowired
    private UnpublishedMediaSweep sweep;

    @Autowired
    private Outbox outbox;

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

        Message message = nextEvent(MediaStored.class, id);

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
    void announcesAtStartAPhotoRecordedBeforeTheOutboxWhosePublicationFailedThen() throws IOException {
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
                false,
                List.of(),
                null,
                false));

        sweep.announceUnpublished();

        Message message = nextEvent(MediaStored.class, id);
        assertThat(message).isNotNull();
        assertThat(message.getMessageProperties().getHeaders().get(WireHeaders.MESSAGE_ID))
                .hasToString("e2f1c7d0-0000-4000-8000-000000000001");
        assertThat(message.getMessageProperties().getHeaders().get(WireHeaders.TIMESTAMP))
                .isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z").toEpochMilli());
        assertThat(mongo.findById(id, MediaDocument.class).published()).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> outbox.pending(MediaCatalog.COLLECTION, id).isEmpty());
    }

    @Test
    void recordsAPhotoTogetherWithItsMediaStoredAndEmptiesTheOutboxOnceTheBrokerConfirmedIt() throws IOException {
        String id = uploaded(TestImages.jpeg(64, 48));

        assertThat(nextEvent(MediaStored.class, id)).isNotNull();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> outbox.pending(MediaCatalog.COLLECTION, id).isEmpty());
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
    void storesAPngWithJpegVariants() throws IOException {
        ResponseEntity<String> response = upload(TestImages.png(1200, 900), "p.png", MediaType.IMAGE_PNG, token());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("width").asInt()).isEqualTo(1200);
        ResponseEntity<byte[]> large = http.getForEntity(body.at("/urls/large").asText(), byte[].class);
        ResponseEntity<byte[]> small = http.getForEntity(body.at("/urls/small").asText(), byte[].class);
        assertThat(large.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_JPEG);
        assertThat(TestImages.decode(large.getBody()).getWidth()).isEqualTo(1080);
        assertThat(TestImages.decode(large.getBody()).getHeight()).isEqualTo(810);
        assertThat(TestImages.decode(small.getBody()).getHeight()).isEqualTo(320);
        ResponseEntity<byte[]> original =
                http.getForEntity(body.at("/urls/original").asText(), byte[].class);
        assertThat(original.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
    }

    @Test
    void keepsNoLocationOrCameraDataInAnyStoredFile() throws IOException {
        byte[] plain = TestImages.jpeg(1600, 1200);
        byte[] fromPhone = TestImages.withGpsExif(plain);
        assertThat(TestImages.jpegMarkers(fromPhone)).contains(0xE1);
        assertThat(TestImages.contains(fromPhone, TestImages.CAMERA)).isTrue();

        String id = uploaded(fromPhone);

        MediaDocument media = mongo.findById(id, MediaDocument.class);
        for (String key : List.of(media.objectKeys().large(), media.objectKeys().small())) {
            byte[] variant = stored(key);
            assertThat(TestImages.jpegMarkers(variant))
                    .as(key)
                    .doesNotContain(0xE1)
                    .contains(0xDA);
            assertThat(TestImages.contains(variant, "Exif")).as(key).isFalse();
            assertThat(TestImages.contains(variant, TestImages.CAMERA)).as(key).isFalse();
        }
        assertThat(stored(media.objectKeys().original()))
                .as("the original is the upload without its EXIF segment, every other byte kept")
                .isEqualTo(plain);
        assertThat(http.getForEntity("/api/media/" + id + "/original", byte[].class)
                        .getBody())
                .isEqualTo(plain);
    }

    @Test
    void rejectsATextFileNamedLikeAPhoto() throws IOException {
        byte[] text = "just some notes, not a photo\n".getBytes(StandardCharsets.UTF_8);

        ResponseEntity<String> response = upload(text, "notes.jpg", MediaType.IMAGE_JPEG, token());

        assertProblem(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(mediaOfOwner()).isZero();
    }

    @Test
    void rejectsARealDecompressionBombBeforeDecodingIt() throws IOException {
        byte[] bomb = TestImages.pngBomb(50_000, 50_000);
        assertThat(bomb.length).as("compressed size").isLessThan(1_000_000);

        ResponseEntity<String> response = upload(bomb, "bomb.png", MediaType.IMAGE_PNG, token());

        assertProblem(response, HttpStatus.UNPROCESSABLE_ENTITY, "IMAGE_TOO_LARGE");
        assertThat(mediaOfOwner()).isZero();
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
}
