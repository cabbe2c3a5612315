package dev.shutter.devstack;

import static dev.shutter.devstack.ShutterApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shutter.devstack.ShutterApi.Answer;
import dev.shutter.devstack.infra.JwtKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The security pass: every endpoint of every service, called through the gateway as an attacker would, with no
 * token, a token that is not one, an expired one, one signed by another key, an unsigned one and one whose claims were
 * changed after signing - each answers 401 - and every endpoint acting on what belongs to a user, called with another
 * user's token - 403 (or the answer that says it is not theirs). Afterwards the victim's data is exactly as before.
 */
@ExtendWith(RunningDevstack.Shared.class)
class SecurityIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningDevstack devstack;
    private static ShutterApi api;
    private static String victim;
    private static String victimName;
    private static String victimToken;
    private static String other;
    private static String otherName;
    private static String otherToken;
    private static String post;
    private static String comment;
    private static String photo;
    private static String upload;
    private static String device;

    /** One call: method, path, JSON body (or none). */
    record Endpoint(String method, String path, Object body) {

        static Endpoint of(String method, String path) {
            return new Endpoint(method, path, null);
        }

        static Endpoint of(String method, String path, Object body) {
            return new Endpoint(method, path, body);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void victimAndAttacker(RunningDevstack running) {
        devstack = running;
        api = running.api();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        victimName = "victim_" + suffix;
        otherName = "mallory_" + suffix;
        victim = running.register(victimName);
        other = running.register(otherName);
        victimToken = running.login(victimName);
        otherToken = running.login(otherName);
        device = "victim-phone-" + suffix;
        assertThat(api.post("/api/users/me/devices", body("token", device, "platform", "android"), victimToken)
                        .status())
                .isEqualTo(204);
        photo = uploaded(victimToken);
        post = created(api.publish(body("caption", "The victim's harbour", "mediaIds", List.of(photo)), victimToken));
        comment = created(api.post("/api/posts/" + post + "/comments", body("text", "The victim's note"), victimToken));
        Answer directUpload = api.post("/api/media/uploads", body(), victimToken);
        assertThat(directUpload.status()).as(directUpload.body().toString()).isEqualTo(201);
        upload = directUpload.body().path("id").asText();
        assertThat(api.put("/api/users/me/following/" + other, victimToken).status())
                .isEqualTo(204);
        Eventually.await(
                "the victim's post in the read model",
                () -> api.get("/api/posts/" + post + "/comments", victimToken),
                answer -> answer.status() == 200 && answer.body().path("items").size() == 1);
        Eventually.await(
                "the victim's follow in the read model",
                () -> api.get("/api/users/" + victim, victimToken),
                answer -> answer.body().path("followingCount").asInt() == 1);
    }

    @Test
    void everyEndpointAnswersEveryForgedMissingOrExpiredToken401AndChangesNothing() {
        JsonNode before = victimsData();
        Map<String, String> attacks = tokenAttacks();
        List<Endpoint> endpoints = authenticatedEndpoints();
        SoftAssertions softly = new SoftAssertions();
        int calls = 0;
        for (Endpoint endpoint : endpoints) {
            for (Map.Entry<String, String> attack : attacks.entrySet()) {
                Answer answer = api.call(endpoint.method(), endpoint.path(), endpoint.body(), attack.getValue());
                softly.assertThat(answer.status())
                        .as("%s with %s: %s", endpoint, attack.getKey(), answer.body())
                        .isEqualTo(401);
                softly.assertThat(answer.contentType())
                        .as("%s with %s", endpoint, attack.getKey())
                        .startsWith("application/problem+json");
                calls++;
            }
        }
        softly.assertAll();
        System.out.printf(
                "Security pass: %d endpoints x %d token attacks = %d calls, every one 401%n",
                endpoints.size(), attacks.size(), calls);

        assertThat(victimsData()).isEqualTo(before);
    }

    @Test
    void anotherUsersTokenTouchesNothingThatIsNotTheirs() {
        JsonNode before = victimsData();
        Map<Endpoint, Integer> cases = new LinkedHashMap<>();
        cases.put(Endpoint.of("PATCH", "/api/posts/" + post, body("caption", "Mallory was here")), 403);
        cases.put(Endpoint.of("DELETE", "/api/posts/" + post), 403);
        cases.put(Endpoint.of("DELETE", "/api/posts/" + post + "/comments/" + comment), 403);
        cases.put(Endpoint.of("POST", "/api/media/uploads/" + upload + "/complete"), 403);
        cases.put(Endpoint.of("POST", "/api/posts", body("caption", "Stolen", "mediaIds", List.of(photo))), 422);
        cases.put(
                Endpoint.of("PUT", "/api/users/me/profile", body("displayName", "Mallory", "avatarMediaId", photo)),
                422);
        cases.put(Endpoint.of("DELETE", "/api/users/me/devices/" + device), 204);
        cases.put(Endpoint.of("PUT", "/api/users/me/follow-requests/" + victim), 404);
        cases.put(Endpoint.of("DELETE", "/api/users/me/follow-requests/" + victim), 404);
        cases.put(Endpoint.of("GET", "/api/admin/views"), 403);
        cases.put(Endpoint.of("POST", "/api/admin/views/posts/rebuild"), 403);
        cases.put(Endpoint.of("GET", "/api/admin/push/dead-letters"), 403);
        cases.put(Endpoint.of("POST", "/api/admin/push/dead-letters/replay"), 403);
        cases.put(Endpoint.of("GET", "/api/admin/push/rebuild"), 403);
        cases.put(Endpoint.of("POST", "/api/admin/push/rebuild"), 403);

        SoftAssertions softly = new SoftAssertions();
        cases.forEach((endpoint, status) -> {
            Answer answer = api.call(endpoint.method(), endpoint.path(), endpoint.body(), otherToken);
            softly.assertThat(answer.status())
                    .as("%s with another user's token: %s", endpoint, answer.body())
                    .isEqualTo(status);
        });
        softly.assertAll();
        System.out.printf("Ownership pass: %d calls with another user's token%n", cases.size());

        assertThat(victimsData()).isEqualTo(before);
    }

    /** Every endpoint that needs a token, with bodies that would change the victim's data if they were accepted. */
    private static List<Endpoint> authenticatedEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>(List.of(
                // command-side
                Endpoint.of("PUT", "/api/users/me/profile", body("displayName", "Owned", "bio", "owned")),
                Endpoint.of("PUT", "/api/users/me/username", body("username", "owned_" + victimName)),
                Endpoint.of("PUT", "/api/users/me/privacy", body("private", true)),
                Endpoint.of(
                        "PUT",
                        "/api/users/me/password",
                        body("currentPassword", RunningDevstack.PASSWORD, "newPassword", "owned password")),
                Endpoint.of("DELETE", "/api/users/me", body("password", RunningDevstack.PASSWORD)),
                Endpoint.of("GET", "/api/users/me/export"),
                Endpoint.of("POST", "/api/users/me/devices", body("token", "attacker-phone", "platform", "ios")),
                Endpoint.of("DELETE", "/api/users/me/devices/" + device),
                Endpoint.of("PUT", "/api/users/me/following/" + victim),
                Endpoint.of("DELETE", "/api/users/me/following/" + other),
                Endpoint.of("PUT", "/api/users/me/follow-requests/" + other),
                Endpoint.of("DELETE", "/api/users/me/follow-requests/" + other),
                Endpoint.of("PUT", "/api/users/me/blocks/" + other),
                Endpoint.of("DELETE", "/api/users/me/blocks/" + other),
                Endpoint.of("POST", "/api/posts", body("caption", "Owned", "mediaIds", List.of(photo))),
                Endpoint.of("PATCH", "/api/posts/" + post, body("caption", "Owned")),
                Endpoint.of("DELETE", "/api/posts/" + post),
                Endpoint.of("PUT", "/api/posts/" + post + "/likes/me"),
                Endpoint.of("DELETE", "/api/posts/" + post + "/likes/me"),
                Endpoint.of("POST", "/api/posts/" + post + "/comments", body("text", "Owned")),
                Endpoint.of("DELETE", "/api/posts/" + post + "/comments/" + comment),
                // media-uploader
                Endpoint.of("POST", "/api/media/uploads", body()),
                Endpoint.of("POST", "/api/media/uploads/" + upload + "/complete"),
                Endpoint.of("GET", "/api/media/" + photo),
                // query-side
                Endpoint.of("GET", "/api/timeline"),
                Endpoint.of("GET", "/api/users/" + victim),
                Endpoint.of("GET", "/api/users?username=" + victimName),
                Endpoint.of("GET", "/api/users/" + victim + "/followers"),
                Endpoint.of("GET", "/api/users/" + victim + "/following"),
                Endpoint.of("GET", "/api/users/" + victim + "/posts"),
                Endpoint.of("GET", "/api/users/search?q=victim"),
                Endpoint.of("GET", "/api/users/me/follow-requests"),
                Endpoint.of("GET", "/api/users/me/blocks"),
                Endpoint.of("GET", "/api/posts/" + post),
                Endpoint.of("GET", "/api/posts/" + post + "/comments"),
                Endpoint.of("GET", "/api/posts/" + post + "/likes"),
                Endpoint.of("GET", "/api/tags/harbour/posts"),
                // push-dispatcher
                Endpoint.of("GET", "/api/users/me/notification-settings"),
                Endpoint.of(
                        "PUT",
                        "/api/users/me/notification-settings",
                        body(
                                "newPost",
                                false,
                                "newFollower",
                                false,
                                "like",
                                false,
                                "comment",
                                false,
                                "mention",
                                false)),
                Endpoint.of("GET", "/api/notifications"),
                Endpoint.of("GET", "/api/notifications/unread-count"),
                Endpoint.of("POST", "/api/notifications/seen"),
                // operations
                Endpoint.of("GET", "/api/admin/views"),
                Endpoint.of("POST", "/api/admin/views/posts/rebuild"),
                Endpoint.of("GET", "/api/admin/push/dead-letters"),
                Endpoint.of("POST", "/api/admin/push/dead-letters/replay"),
                Endpoint.of("GET", "/api/admin/push/rebuild"),
                Endpoint.of("POST", "/api/admin/push/rebuild")));
        return endpoints;
    }

    /** Tokens that must get nobody in, each claiming to be the victim (and an admin, where it can). */
    private static Map<String, String> tokenAttacks() {
        JwtKeys devstackKeys = devstack.signingKeys();
        Set<String> scopes = Set.of("user", "admin");
        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("no token", null);
        attacks.put("a token that is no JWT", "not-a-token");
        attacks.put("an expired token", devstackKeys.token(victim, victimName, Set.of("user"), Duration.ofMinutes(-5)));
        attacks.put(
                "a token signed by another key",
                JwtKeys.generate().token(victim, victimName, scopes, Duration.ofMinutes(10)));
        attacks.put("an unsigned token (alg none)", unsigned(victim, victimName));
        attacks.put("another user's token with the victim's claims", withClaimsOf(otherToken, victim, victimName));
        return attacks;
    }

    private static String unsigned(String subject, String username) {
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return header + "." + claims(subject, username) + ".";
    }

    /** The token's signature kept, its claims replaced. */
    private static String withClaimsOf(String token, String subject, String username) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + claims(subject, username) + "." + parts[2];
    }

    private static String claims(String subject, String username) {
        long now = System.currentTimeMillis() / 1000;
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", "shutter")
                .put("sub", subject)
                .put("preferred_username", username)
                .put("scope", "user admin")
                .put("iat", now)
                .put("exp", now + 600);
        return base64Url(claims.toString());
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What the victim holds, read with the victim's own token: everything the command side keeps (the export), the
     * post, its comments and likes, the profile, the photo and the notification settings.
     */
    private static JsonNode victimsData() {
        ObjectNode data = JSON.createObjectNode();
        ObjectNode export = (ObjectNode) ok(api.get("/api/users/me/export", victimToken));
        export.remove("exportedAt");
        data.set("export", export);
        data.set("post", ok(api.get("/api/posts/" + post, victimToken)));
        data.set("comments", ok(api.get("/api/posts/" + post + "/comments", victimToken)));
        data.set("profile", ok(api.get("/api/users/" + victim, victimToken)));
        data.set("photo", ok(api.get("/api/media/" + photo, victimToken)));
        data.set("settings", ok(api.get("/api/users/me/notification-settings", victimToken)));
        data.set("othersExport", ok(api.get("/api/users/me/export", otherToken)).deepCopy());
        ((ObjectNode) data.get("othersExport")).remove("exportedAt");
        return data;
    }

    private static JsonNode ok(Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body();
    }

    private static String created(Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body().path("id").asText();
    }

    private static String uploaded(String token) {
        Answer answer = api.upload("/api/media", "photo.jpg", "image/jpeg", TestImages.jpeg(320, 240), token);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body().path("id").asText();
    }
}
