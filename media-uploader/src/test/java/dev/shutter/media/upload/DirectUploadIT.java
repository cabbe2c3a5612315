package dev.shutter.media.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.events.media.MediaRejected;
import dev.shutter.events.media.MediaStored;
import dev.shutter.media.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class DirectUploadIT extends MediaUploaderIntegrationTest {

    @Test
    void aPhotoPutStraightToTheStoreIsProcessedLikeAnOrdinaryUpload() throws Exception {
        byte[] photo = TestImages.jpeg(1600, 1200);
        ResponseEntity<String> started = call(HttpMethod.POST, "/api/media/uploads", token(), sizeOf(photo.length));
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode upload = json.readTree(started.getBody());
        String id = upload.get("id").asText();
        assertThat(upload.get("method").asText()).isEqualTo("PUT");
        assertThat(upload.get("maxSize").asLong()).isEqualTo(1024 * 1024);
        assertThat(Instant.parse(upload.get("expiresAt").asText())).isAfter(Instant.now());
        assertThat(upload.get("completeUrl").asText()).isEqualTo("/api/media/uploads/" + id + "/complete");
        assertThat(upload.get("uploadUrl").asText()).doesNotContain(ownerId);

        assertThat(put(upload.get("uploadUrl").asText(), photo)).isEqualTo(200);
        ResponseEntity<String> completed =
                call(HttpMethod.POST, "/api/media/uploads/" + id + "/complete", token(), null);

        assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode media = json.readTree(completed.getBody());
        assertThat(media.get("id").asText()).isEqualTo(id);
        assertThat(media.get("status").asText()).isEqualTo("READY");
        assertThat(media.get("width").asInt()).isEqualTo(1600);
        assertThat(media.get("height").asInt()).isEqualTo(1200);
        assertThat(TestImages.decode(http.getForEntity(media.at("/urls/large").asText(), byte[].class)
                                .getBody())
                        .getWidth())
                .isEqualTo(1080);
        assertThat(http.getForEntity(media.at("/urls/original").asText(), byte[].class)
                        .getBody())
                .isEqualTo(photo);
        Message stored = nextEvent(MediaStored.class);
        assertThat(stored).isNotNull();
        assertThat(body(stored).get("mediaId").asText()).isEqualTo(id);
        assertThat(body(stored).get("ownerId").asText()).isEqualTo(ownerId);
        assertThat(exists(mongo.findById(id, UploadDocument.class).objectKey()))
                .as("the uploaded object is removed once processed")
                .isFalse();

        ResponseEntity<String> again = call(HttpMethod.POST, "/api/media/uploads/" + id + "/complete", token(), null);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(again.getBody())).isEqualTo(media);
    }

    @Test
    void anHtmlPageUploadedDirectlyIsRejectedDeletedAndAnnounced() throws Exception {
        String id = startAndPut("<html><body>not a photo</body></html>".getBytes(StandardCharsets.UTF_8));
        String key = mongo.findById(id, UploadDocument.class).objectKey();
        assertThat(exists(key)).isTrue();

        ResponseEntity<String> completed = complete(id, token());

        assertProblem(completed, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(exists(key)).isFalse();
        Message rejected = nextEvent(MediaRejected.class);
        assertThat(rejected).isNotNull();
        assertThat(body(rejected).get("mediaId").asText()).isEqualTo(id);
        assertThat(body(rejected).get("ownerId").asText()).isEqualTo(ownerId);
        assertThat(body(rejected).get("reason").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(mediaOfOwner()).isZero();
        assertProblem(complete(id, token()), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(get("/api/media/" + id, token()), HttpStatus.NOT_FOUND, "NOT_FOUND");
    }

    @Test
    void aTruncatedJpegUploadedDirectlyIsRejectedAsCorrupt() throws Exception {
        String id = startAndPut(TestImages.truncatedJpeg());

        assertProblem(complete(id, token()), HttpStatus.UNPROCESSABLE_ENTITY, "CORRUPT_IMAGE");

        Message rejected = nextEvent(MediaRejected.class);
        assertThat(rejected).isNotNull();
        assertThat(body(rejected).get("reason").asText()).isEqualTo("CORRUPT_IMAGE");
    }

    @Test
    void aFileOverTheLimitUploadedDirectlyIsRejected() throws Exception {
        byte[] oversized = new byte[1_500_000];
        System.arraycopy(TestImages.jpeg(64, 64), 0, oversized, 0, 100);
        String id = startAndPut(oversized);

        assertProblem(complete(id, token()), HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE");

        assertThat(exists(mongo.findById(id, UploadDocument.class).objectKey())).isFalse();
        assertThat(body(nextEvent(MediaRejected.class)).get("reason").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void refusesToStartAnUploadAnnouncedOverTheLimit() throws IOException {
        assertProblem(
                call(HttpMethod.POST, "/api/media/uploads", token(), sizeOf(5_000_000)),
                HttpStatus.PAYLOAD_TOO_LARGE,
                "PAYLOAD_TOO_LARGE");
        assertProblem(
                call(HttpMethod.POST, "/api/media/uploads", token(), sizeOf(0)),
                HttpStatus.BAD_REQUEST,
                "VALIDATION_FAILED");
    }

    @Test
    void answersAMalformedStartWithAProblemAndStartsNothing() throws IOException {
        long before = mongo.count(new Query(Criteria.where("ownerId").is(ownerId)), UploadDocument.class);

        assertProblem(
                call(HttpMethod.POST, "/api/media/uploads", token(), "{\"size\": \"big\"}"),
                HttpStatus.BAD_REQUEST,
                "MALFORMED_REQUEST");
        assertProblem(
                call(HttpMethod.POST, "/api/media/uploads", token(), "{not json"),
                HttpStatus.BAD_REQUEST,
                "MALFORMED_REQUEST");

        assertThat(mongo.count(new Query(Criteria.where("ownerId").is(ownerId)), UploadDocument.class))
                .isEqualTo(before);
    }

    @Test
    void theStoreRefusesABodyOfAnotherSizeThanTheOneAnnounced() throws Exception {
        JsonNode upload = json.readTree(call(HttpMethod.POST, "/api/media/uploads", token(), sizeOf(1_000))
                .getBody());

        int status = put(upload.get("uploadUrl").asText(), TestImages.jpeg(400, 300));

        assertThat(status).isBetween(400, 499);
    }

    @Test
    void answersACompletionBeforeTheFileArrivedWithAConflictAndLetsItBeCompletedLater() throws Exception {
        byte[] photo = TestImages.png(300, 300);
        JsonNode upload = json.readTree(
                call(HttpMethod.POST, "/api/media/uploads", token(), null).getBody());
        String id = upload.get("id").asText();

        assertProblem(complete(id, token()), HttpStatus.CONFLICT, "UPLOAD_NOT_RECEIVED");

        assertThat(put(upload.get("uploadUrl").asText(), photo)).isEqualTo(200);
        assertThat(complete(id, token()).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void onlyTheUploaderMayCompleteAnUpload() throws Exception {
        String id = startAndPut(TestImages.jpeg(200, 200));

        assertProblem(complete(id, tokenOf(UUID.randomUUID().toString())), HttpStatus.FORBIDDEN, "FORBIDDEN");
        assertProblem(complete(UUID.randomUUID().toString(), token()), HttpStatus.NOT_FOUND, "NOT_FOUND");
        assertProblem(complete(id, null), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        assertProblem(call(HttpMethod.POST, "/api/media/uploads", null, null), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        assertThat(complete(id, token()).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    private String startAndPut(byte[] bytes) throws Exception {
        ResponseEntity<String> started = call(HttpMethod.POST, "/api/media/uploads", token(), Map.of());
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode upload = json.readTree(started.getBody());
        assertThat(put(upload.get("uploadUrl").asText(), bytes)).isEqualTo(200);
        return upload.get("id").asText();
    }

    private ResponseEntity<String> complete(String id, String token) {
        return call(HttpMethod.POST, "/api/media/uploads/" + id + "/complete", token, null);
    }
}
