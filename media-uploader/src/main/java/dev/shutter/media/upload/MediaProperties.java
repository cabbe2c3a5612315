package dev.shutter.media.upload;

import dev.shutter.media.image.ImageLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of an upload and the base of the URLs handed out. An empty base URL makes the URLs
 * relative ({@code /api/media/{id}/{variant}}), which is right behind the devstack gateway.
 */
@ConfigurationProperties("shutter.media")
record MediaProperties(
        @DefaultValue("20MB") DataSize maxUploadSize,
        @DefaultValue("40000000") long maxPixels,
        @DefaultValue("12000") int maxSide,
        String baseUrl) {

    MediaProperties {
        baseUrl = baseUrl == null ? "" : baseUrl.strip().replaceAll("/+$", "");
    }

    ImageLimits imageLimits() {
        return new ImageLimits(maxPixels, maxSide);
    }
}
