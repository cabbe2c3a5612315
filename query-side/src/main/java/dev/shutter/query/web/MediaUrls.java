package dev.shutter.query.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Where clients fetch the bytes of a photo: {@code <shutter.media.base-url>/api/media/<id>/<variant>}. */
@Component
public class MediaUrls {

    private final String baseUrl;

    MediaUrls(@Value("${shutter.media.base-url:}") String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public Variants of(String mediaId) {
        return new Variants(url(mediaId, "original"), url(mediaId, "large"), url(mediaId, "small"));
    }

    /** The small variant of an avatar, or null when there is none. */
    public String avatar(String mediaId) {
        return mediaId == null || mediaId.isBlank() ? null : url(mediaId, "small");
    }

    private String url(String mediaId, String variant) {
        return baseUrl + "/api/media/" + mediaId + "/" + variant;
    }

    public record Variants(String original, String large, String small) {}
}
