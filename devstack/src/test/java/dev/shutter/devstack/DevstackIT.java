package dev.shutter.devstack;

import static dev.shutter.devstack.ShutterApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.devstack.ShutterApi.Answer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The path of one photo post, end to end, over HTTP against the whole devstack: accounts, a device, a follow, an
 * upload, a post, the read models, the push, a rebuild of the views, and an unfollow.
 */
@ExtendWith(RunningDevstack.Shared.class)
class DevstackIT {

    private static RunningDevstack devstack;
    private static ShutterApi api;

    @BeforeAll
    static void useDevstack(RunningDevstack running) {
        devstack = running;
        api = running.api();
    }

    @Test
    void aPostTravelsFromUploadToTheFollowersTimelineAndPhone() throws IOException {
        // 1. Two accounts, unique usernames, tokens.
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alice = register("alice_" + suffix);
        String bob = register("bob_" + suffix);
        Answer duplicate = api.post(
                "/api/users",
                body(
                        "username",
                        "ALICE_" + suffix,
                        "email",
                        "other" + suffix + "@example.com",
                        "password",
                        RunningDevstack.PASSWORD,
                        "displayName",
                        "Other"),
                null);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        assertThat(duplicate.code()).isEqualTo("USERNAME_TAKEN");
        String aliceToken = login("alice_" + suffix);
        String bobToken = login("bob_" + suffix);

        // 2. Bob's phone, and Bob follows Alice (twice: the second changes nothing).
        String bobsPhone = "fcm-token-bob-" + suffix;
        assertThat(api.post("/api/users/me/devices", body("token", bobsPhone, "platform", "android"), bobToken)
                        .status())
                .isEqualTo(204);
        assertThat(api.put("/api/users/me/following/" + alice, bobToken).status())
                .isEqualTo(204);
        assertThat(api.put("/api/users/me/following/" + alice, bobToken).status())
                .isEqualTo(204);

        // 3. Alice uploads a photo and posts it, once the command side has learned of the upload.
        Answer unauthenticated = api.post("/api/posts", body("caption", "x", "mediaIds", List.of("m")), null);
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.contentType()).startsWith("application/problem+json");

        Answer upload = api.upload("/api/media", "beach.jpg", "image/jpeg", TestImages.jpeg(1600, 1200), aliceToken);
        assertThat(upload.status()).isEqualTo(201);
        assertThat(upload.body().path("width").asInt()).isEqualTo(1600);
        String mediaId = upload.body().path("id").asText();

        Answer published = Eventually.await(
                "the post is accepted once the upload is known",
                () -> api.post(
                        "/api/posts",
                        body("caption", "Sunset at the beach #summer", "mediaIds", List.of(mediaId)),
                        aliceToken),
                answer -> !"MEDIA_NOT_READY".equals(answer.code()));
        assertThat(published.status()).isEqualTo(201);
        String postId = published.body().path("id").asText();

        Answer notOwned = api.post("/api/posts", body("caption", "mine?", "mediaIds", List.of(mediaId)), bobToken);
        assertThat(notOwned.status()).isEqualTo(422);
        assertThat(notOwned.code()).isEqualTo("MEDIA_NOT_OWNED");

        // 5 and 6. The read models follow, and query-side answers.
        JsonNode timeline = Eventually.await(
                        "the post in Bob's home timeline",
                        () -> api.get("/api/timeline", bobToken),
                        answer -> ids(answer.body().path("items")).contains(postId))
                .body();
        JsonNode item = timeline.path("items").get(0);
        assertThat(item.path("author").path("id").asText()).isEqualTo(alice);
        assertThat(item.path("caption").asText()).isEqualTo("Sunset at the beach #summer");

        JsonNode aliceProfile = Eventually.await(
                        "Alice's counts",
                        () -> api.get("/api/users/" + alice, bobToken),
                        answer -> answer.body().path("followerCount").asInt() == 1
                                && answer.body().path("postCount").asInt() == 1)
                .body();
        assertThat(aliceProfile.path("username").asText()).isEqualTo("alice_" + suffix);
        assertThat(ids(api.get("/api/users/" + alice + "/followers", aliceToken)
                        .body()
                        .path("items")))
                .containsExactly(bob);
        assertThat(ids(api.get("/api/users/" + bob + "/following", bobToken)
                        .body()
                        .path("items")))
                .containsExactly(alice);
        assertThat(ids(api.get("/api/users/" + alice + "/posts", bobToken)
                        .body()
                        .path("items")))
                .containsExactly(postId);

        JsonNode post = api.get("/api/posts/" + postId, bobToken).body();
        assertThat(post.path("likedByMe").asBoolean()).isFalse();
        String largeUrl = post.path("media").get(0).path("urls").path("large").asText();
        Answer image = api.get(largeUrl, null);
        assertThat(image.status()).isEqualTo(200);
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(image.bytes())).getWidth())
                .isEqualTo(1080);

        // 7. Bob's phone got exactly one push for the post.
        List<JsonNode> pushes =
                Eventually.await("a push to Bob's phone", () -> pushesFor(bobsPhone), messages -> !messages.isEmpty());
        assertThat(pushes).hasSize(1);
        assertThat(pushes.get(0).path("data").path("postId").asText()).isEqualTo(postId);

        // 8. Rebuilt views equal the live ones, and no push is sent again.
        String adminToken = devstack.adminToken();
        JsonNode bobsTimeline = api.get("/api/timeline", bobToken).body();
        JsonNode aliceProfileBefore = api.get("/api/users/" + alice, bobToken).body();
        JsonNode followersBefore =
                api.get("/api/users/" + alice + "/followers", aliceToken).body();
        int pushesBefore = api.get("/dev/fcm/messages", null).body().size();
        for (String view : List.of("timelines", "profiles", "social", "posts")) {
            int generation = generationOf(view, adminToken);
            assertThat(api.post("/api/admin/views/" + view + "/rebuild", body(), adminToken)
                            .status())
                    .isEqualTo(202);
            Eventually.await(
                    view + " rebuilt into a new generation",
                    () -> viewState(view, adminToken),
                    state -> state.path("generation").asInt() > generation
                            && "live".equals(state.path("state").asText()));
        }
        assertThat(api.get("/api/timeline", bobToken).body()).isEqualTo(bobsTimeline);
        assertThat(api.get("/api/users/" + alice, bobToken).body()).isEqualTo(aliceProfileBefore);
        assertThat(api.get("/api/users/" + alice + "/followers", aliceToken).body())
                .isEqualTo(followersBefore);
        assertThat(api.get("/dev/fcm/messages", null).body().size()).isEqualTo(pushesBefore);

        // Unfollowing takes Alice's posts out of Bob's home timeline.
        assertThat(api.delete("/api/users/me/following/" + alice, bobToken).status())
                .isEqualTo(204);
        Eventually.await(
                "Alice's post gone from Bob's timeline",
                () -> api.get("/api/timeline", bobToken),
                answer -> answer.body().path("items").isEmpty());

        assertThat(api.get("/actuator/health", null).body().path("status").asText())
                .isEqualTo("UP");
    }

    private static String register(String username) {
        return devstack.register(username);
    }

    private static String login(String username) {
        return devstack.login(username);
    }

    private static List<JsonNode> pushesFor(String token) {
        List<JsonNode> matching = new ArrayList<>();
        api.get("/dev/fcm/messages", null).body().forEach(message -> {
            if (token.equals(message.path("token").asText())) {
                matching.add(message);
            }
        });
        return matching;
    }

    private static JsonNode viewState(String view, String adminToken) {
        for (JsonNode state : api.get("/api/admin/views", adminToken).body()) {
            if (view.equals(state.path("name").asText())) {
                return state;
            }
        }
        throw new AssertionError("No view named " + view);
    }

    private static int generationOf(String view, String adminToken) {
        return viewState(view, adminToken).path("generation").asInt();
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }
}
