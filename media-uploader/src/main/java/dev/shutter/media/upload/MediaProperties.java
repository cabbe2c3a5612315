package dev.shutter.media.upload;

import dev.shutter.media.image.ImageLimits;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of an upload and the base of the URLs handed out. An empty base URL makes the URLs
 * relative ({@code /api/media/{id}/{variant}}), which is right behind the devstack gateway.
 * {@code uploadExpiry} is how long a direct upload's URL is valid and the upload may be
 * completed; the sweep deletes what was left behind every {@code uploadSweepInterval}.
 */
@ConfigurationProperties("shutter.media")
record MediaProperties(
        @DefaultValue("20MB") DataSize maxUploadSize,
        @DefaultValue("40000000") long maxPixels,
        @DefaultValue("12000") int maxSide,
        String baseUrl,
        @DefaultValue("PT1H") Duration uploadExpiry,
        @DefaultValue("PT5M") Duration uploadSweepInterval) {

    MediaProperties {
        baseUrl = baseUrl == null ? "" : baseUrl.strip().replaceAll("/+$", "");
        if (uploadExpiry.isNegative() || uploadExpiry.isZero()) {
            throw new IllegalArgumentException("shutter.media.upload-expiry must be positive");
        }
    }

    ImageLimits imageLimits() {
        return new ImageLimits(maxPixels, maxSide);
    }
}
