package dev.shutter.command.personal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What push-dispatcher holds about the caller and no event does: their notification settings and their in-app inbox,
 * read from push-dispatcher's own API with the caller's token, so it shows exactly what the caller may see there.
 */
@Component
class NotificationData {

    /** The caller's settings and inbox, newest first, at most {@link #MAX_NOTIFICATIONS} entries. */
    record Held(JsonNode settings, List<JsonNode> notifications) {}

    static final int MAX_NOTIFICATIONS = 1_000;
    private static final int PAGE = 100;

    private final RestClient push;

    NotificationData(@Value("${shutter.export.push-dispatcher-url:http://127.0.0.1:8085}") URI pushDispatcher) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(2_000);
        requests.setReadTimeout(10_000);
        this.push = RestClient.builder()
                .baseUrl(pushDispatcher.toString())
                .requestFactory(requests)
                .build();
    }

    /** @throws ExportUnavailableException when push-dispatcher does not answer */
    Held of(String accessToken) {
        try {
            JsonNode settings = get("/api/users/me/notification-settings", accessToken);
            List<JsonNode> notifications = new ArrayList<>();
            String cursor = null;
            do {
                UriComponentsBuilder page =
                        UriComponentsBuilder.fromPath("/api/notifications").queryParam("limit", PAGE);
                if (cursor != null) {
                    page.queryParam("cursor", cursor);
                }
                JsonNode answer = get(page.encode().build().toUriString(), accessToken);
                answer.path("items").forEach(notifications::add);
                cursor = answer.path("nextCursor").isTextual()
                        ? answer.path("nextCursor").asText()
                        : null;
            } while (cursor != null && notifications.size() < MAX_NOTIFICATIONS);
            return new Held(settings, notifications.subList(0, Math.min(notifications.size(), MAX_NOTIFICATIONS)));
        } catch (RestClientException e) {
            throw new ExportUnavailableException(e);
        }
    }

    private JsonNode get(String path, String accessToken) {
        return push.get()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .retrieve()
                .body(JsonNode.class);
    }
}
