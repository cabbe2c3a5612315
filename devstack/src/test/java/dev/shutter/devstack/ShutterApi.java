package dev.shutter.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A thin client of Shutter's public REST API, as an app would call it through the one base URL. */
final class ShutterApi {

    record Answer(int status, String contentType, JsonNode body, byte[] bytes) {

        String code() {
            return body.path("code").asText(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ShutterApi(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    Answer post(String path, Object body, String token) {
        return send(
                request(path, token).header("Content-Type", "application/json").POST(json(body)));
    }

    /**
     * Publishes a post, sending it again while the command side has not learned of its photos yet
     * ({@code MEDIA_NOT_READY}), as the API asks an app to.
     */
    Answer publish(Object body, String token) {
        return Eventually.await(
                "the post's photos known to the command side",
                () -> post("/api/posts", body, token),
                answer -> !"MEDIA_NOT_READY".equals(answer.code()));
    }

    Answer put(String path, Object body, String token) {
        return send(
                request(path, token).header("Content-Type", "application/json").PUT(json(body)));
    }

    Answer patch(String path, Object body, String token) {
        return send(
                request(path, token).header("Content-Type", "application/json").method("PATCH", json(body)));
    }

    Answer put(String path, String token) {
        return send(request(path, token).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    Answer delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    Answer delete(String path, Object body, String token) {
        return send(
                request(path, token).header("Content-Type", "application/json").method("DELETE", json(body)));
    }

    /** Any call with a JSON body, or none when {@code body} is null. */
    Answer call(String method, String path, Object body, String token) {
        HttpRequest.Builder request = request(path, token);
        if (body == null) {
            return send(request.method(method, HttpRequest.BodyPublishers.noBody()));
        }
        return send(request.header("Content-Type", "application/json").method(method, json(body)));
    }

    Answer upload(String path, String fileName, String contentType, byte[] file, String token) {
        String boundary = "shutter-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path, token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = contentType.contains("json") && response.body().length > 0
                    ? JSON.readTree(response.body())
                    : JSON.missingNode();
            return new Answer(response.statusCode(), contentType, body, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
