package dev.shutter.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class ObjectStorageIT {

    @Test
    void storesObjectsAndServesThemDirectlyAndThroughPresignedUrls() throws Exception {
        try (ObjectStorage storage = ObjectStorage.start(null);
                S3Client s3 = client(storage, storage.secretKey());
                S3Presigner presigner = presigner(storage)) {
            assertThat(storage.endpoint().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
            s3.createBucket(b -> b.bucket("shutter-media"));
            s3.putObject(
                    p -> p.bucket("shutter-media").key("m1/original").contentType("image/jpeg"),
                    RequestBody.fromString("jpeg bytes"));

            var object = s3.getObjectAsBytes(g -> g.bucket("shutter-media").key("m1/original"));
            assertThat(object.asUtf8String()).isEqualTo("jpeg bytes");
            assertThat(object.response().contentType()).isEqualTo("image/jpeg");

            URI presigned = presigner
                    .presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                            .getObjectRequest(g -> g.bucket("shutter-media").key("m1/original")))
                    .url()
                    .toURI();
            HttpResponse<String> download = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(presigned).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo("jpeg bytes");
        }
    }

    @Test
    void rejectsRequestsSignedWithAnotherSecret() {
        try (ObjectStorage storage = ObjectStorage.start(null);
                S3Client s3 = client(storage, "not-the-secret")) {
            assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("shutter-media")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }

    @Test
    void keepsObjectsInTheDataDirectoryAcrossRestart(@TempDir Path dataDir) throws Exception {
        try (ObjectStorage storage = ObjectStorage.start(dataDir);
                S3Client s3 = client(storage, storage.secretKey())) {
            s3.createBucket(b -> b.bucket("kept"));
            s3.putObject(p -> p.bucket("kept").key("a"), RequestBody.fromString("still here"));
        }
        assertThat(Files.exists(dataDir.resolve("kept"))).isTrue();
        try (ObjectStorage restarted = ObjectStorage.start(dataDir);
                S3Client s3 = client(restarted, restarted.secretKey())) {
            assertThat(s3.getObjectAsBytes(g -> g.bucket("kept").key("a")).asString(StandardCharsets.UTF_8))
                    .isEqualTo("still here");
        }
    }

    private static S3Client client(ObjectStorage storage, String secretKey) {
        return S3Client.builder()
                .endpointOverride(storage.endpoint())
                .region(Region.of(storage.region()))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(storage.accessKey(), secretKey)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    private static S3Presigner presigner(ObjectStorage storage) {
        return S3Presigner.builder()
                .endpointOverride(storage.endpoint())
                .region(Region.of(storage.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(storage.accessKey(), storage.secretKey())))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }
}
