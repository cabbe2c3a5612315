package dev.shutter.media.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.media.TestImages;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {"shutter.media.upload-expiry=PT3S", "shutter.media.upload-sweep-interval=PT1S"})
class ExpiredUploadIT extends MediaUploaderIntegrationTest {

    @Test
    void anUploadNeverCompletedExpiresAndItsObjectIsDeleted() throws Exception {
        JsonNode upload = json.readTree(
                call(HttpMethod.POST, "/api/media/uploads", token(), null).getBody());
        String id = upload.get("id").asText();
        assertThat(put(upload.get("uploadUrl").asText(), TestImages.jpeg(300, 200)))
                .isEqualTo(200);
        String key = mongo.findById(id, UploadDocument.class).objectKey();
        assertThat(exists(key)).isTrue();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> UploadDocument.EXPIRED.equals(
                        mongo.findById(id, UploadDocument.class).state()));

        assertThat(exists(key)).isFalse();
        assertProblem(
                call(HttpMethod.POST, "/api/media/uploads/" + id + "/complete", token(), null),
                HttpStatus.GONE,
                "UPLOAD_EXPIRED");
        assertThat(mediaOfOwner()).isZero();
    }
}
