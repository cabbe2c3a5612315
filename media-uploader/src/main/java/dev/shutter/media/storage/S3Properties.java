package dev.shutter.media.storage;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where photos are stored. Without an endpoint the SDK talks to AWS; without keys it uses the
 * SDK's default credential chain (environment, profile, instance role). {@code publicEndpoint}
 * is the address clients reach the store at, for the URLs of direct uploads, when it differs
 * from the one this service uses (a store inside a container network); it defaults to
 * {@code endpoint}.
 */
@ConfigurationProperties("shutter.s3")
record S3Properties(
        URI endpoint,
        URI publicEndpoint,
        @DefaultValue("us-east-1") String region,
        String accessKey,
        String secretKey,
        @DefaultValue("shutter-media") String bucket) {

    boolean hasStaticCredentials() {
        return accessKey != null && !accessKey.isBlank() && secretKey != null && !secretKey.isBlank();
    }

    URI presignEndpoint() {
        return publicEndpoint != null ? publicEndpoint : endpoint;
    }
}
