package dev.shutter.push.notify;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Where the app finds a photo: {@code <public base URL>/api/media/{id}/small}. */
@Component
class MediaUrls {

    private final String publicBaseUrl;

    MediaUrls(@Value("${shutter.push.public-base-url:http://localhost:8080}") String publicBaseUrl) {
        this.publicBaseUrl =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    String small(String mediaId) {
        return mediaId == null ? null : publicBaseUrl + "/api/media/" + mediaId + "/small";
    }
}
