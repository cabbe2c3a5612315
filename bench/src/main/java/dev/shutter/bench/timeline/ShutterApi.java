package dev.shutter.bench.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.imageio.ImageIO;

/** Shutter's public HTTP API, as the app calls it: one base URL, JSON bodies, bearer tokens. */
final class ShutterApi {

    static final String PASSWORD = "correct horse battery staple";

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    ShutterApi(URI base, Executor executor) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Registers an account and answers its id. */
    String register(String username) {
        JsonNode created = send(
                "POST",
                "/api/users",
                null,
                Map.of(
                        "username", username,
                        "email", username + "@bench.shutter.test",
                        "password", PASSWORD,
                        "displayName", username),
                201);
        return created.get("id").asText();
    }

    String token(String login, String password) {
        return send("POST", "/api/auth/token", null, Map.of("login", login, "password", password), 200)
                .get("accessToken")
                .asText();
    }

    void follow(String token, String followeeId) {
        send("PUT", "/api/users/me/following/" + followeeId, token, null, 204);
    }

    /** Uploads a small PNG and answers the media id. */
    String uploadPhoto(String token) {
        String boundary = "bench-" + UUID.randomUUID();
        byte[] png = png();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.png\"\r\n"
                        + "Content-Type: image/png\r\n\r\n");
        body.writeBytes(png);
        write(body, "\r\n--" + boundary + "--\r\n");
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/media"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return expect(request, 201).get("id").asText();
    }

    /** Publishes a post, retrying while the command side has not yet learned of the photo. */
    String publish(String token, String mediaId, String caption) {
        for (int attempt = 0; ; attempt++) {
            HttpRequest request = publishRequest(token, mediaId, caption);
            HttpResponse<String> response = call(request);
            if (response.statusCode() == 201) {
                return read(response.body()).get("id").asText();
            }
            if (response.statusCode() != 422 || attempt > 200) {
                throw new IllegalStateException(
                        "POST /api/posts answered " + response.statusCode() + " " + response.body());
            }
            sleep(25);
        }
    }

    HttpRequest publishRequest(String token, String mediaId, String caption) {
        return HttpRequest.newBuilder(base.resolve("/api/posts"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        toJson(Map.of("caption", caption, "mediaIds", List.of(mediaId)))))
                .build();
    }

    HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
    }

    /** Sends the request and reads its answer whole, keeping only the status (the workload checks nothing else). */
    CompletableFuture<HttpResponse<Void>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }

    /** The ids of the first page of the caller's home timeline. */
    List<String> homeIds(String token, int limit) {
        JsonNode page = expect(get("/api/timeline?limit=" + limit, token), 200);
        return ids(page);
    }

    JsonNode getJson(String path, String token) {
        return expect(get(path, token), 200);
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new java.util.ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    boolean healthy() {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/actuator/health"))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode send(String method, String path, String token, Object body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(toJson(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return expect(request.build(), expected);
    }

    private JsonNode expect(HttpRequest request, int expected) {
        HttpResponse<String> response = call(request);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " "
                    + request.uri().getPath() + " answered " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? json.nullNode() : read(response.body());
    }

    private HttpResponse<String> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        int colour = (int) (Math.random() * 0xFFFFFF);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 64; y++) {
                image.setRGB(x, y, colour ^ (x * y));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
