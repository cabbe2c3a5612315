package dev.shutter.devstack;

import static dev.shutter.devstack.ShutterApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.devstack.ShutterApi.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Notifications end to end: pushes to the fake FCM, the inbox, settings and the operators' dead letters. */
@ExtendWith(RunningDevstack.Shared.class)
class NotificationsIT {

    private static RunningDevstack devstack;
    private static ShutterApi api;

    @BeforeAll
    static void useDevstack(RunningDevstack running) {
        devstack = running;
        api = running.api();
    }

    @Test
    void followersLikesAndCommentsReachThePhoneOnceAndTheInboxGroupsThem() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alice = devstack.register("nalice_" + suffix);
        devstack.register("nbob_" + suffix);
        String aliceToken = devstack.login("nalice_" + suffix);
        String bobToken = devstack.login("nbob_" + suffix);
        String alicesPhone = "fcm-alice-" + suffix;
        String bobsPhone = "fcm-bob-" + suffix;
        api.post("/api/users/me/devices", body("token", alicesPhone, "platform", "ios"), aliceToken);
        api.post("/api/users/me/devices", body("token", bobsPhone, "platform", "android"), bobToken);
        Answer german = api.put(
                "/api/users/me/notification-settings",
                body(
                        "newPost", true,
                        "newFollower", true,
                        "like", true,
                        "comment", true,
                        "mention", true,
                        "mutedAccounts", List.of(),
                        "language", "de"),
                aliceToken);
        assertThat(german.status()).isEqualTo(200);

        // Bob follows Alice: Alice hears of it, in German.
        assertThat(api.put("/api/users/me/following/" + alice, bobToken).status())
                .isEqualTo(204);
        JsonNode followed = Eventually.await(
                        "a push about the new follower",
                        () -> pushesFor(alicesPhone, "new_follower"),
                        pushes -> !pushes.isEmpty())
                .get(0);
        assertThat(followed.path("notification").path("body").asText())
                .isEqualTo("nbob_" + suffix + " folgt dir jetzt");

        // Alice posts a photo: Bob's phone gets it with the photo and a deep link.
        Answer upload = api.upload("/api/media", "sea.jpg", "image/jpeg", TestImages.jpeg(800, 600), aliceToken);
        String mediaId = upload.body().path("id").asText();
        Answer published = Eventually.await(
                "the post is accepted once the upload is known",
                () -> api.post(
                        "/api/posts",
                        body("caption", "Sea " + "🌊".repeat(2_000), "mediaIds", List.of(mediaId)),
                        aliceToken),
                answer -> !"MEDIA_NOT_READY".equals(answer.code()));
        assertThat(published.status()).isEqualTo(201);
        String postId = published.body().path("id").asText();
        JsonNode newPost = Eventually.await(
                        "a push about the new post",
                        () -> pushesFor(bobsPhone, "new_post"),
                        pushes -> !pushes.isEmpty())
                .get(0);
        assertThat(newPost.path("data").path("postId").asText()).isEqualTo(postId);
        assertThat(newPost.path("data").path("actorId").asText()).isEqualTo(alice);
        assertThat(newPost.path("notification").path("image").asText()).endsWith("/api/media/" + mediaId + "/small");
        assertThat(newPost.path("payloadBytes").asInt()).isLessThan(4096);

        // Bob likes and comments: Alice's phone buzzes once for each, her inbox shows both.
        assertThat(api.put("/api/posts/" + postId + "/likes/me", bobToken).status())
                .isEqualTo(204);
        assertThat(api.post("/api/posts/" + postId + "/comments", body("text", "Schön!"), bobToken)
                        .status())
                .isEqualTo(201);
        Eventually.await(
                "pushes about the like and the comment",
                () -> pushesFor(alicesPhone, "like").size()
                        + pushesFor(alicesPhone, "comment").size(),
                count -> count == 2);
        assertThat(pushesFor(alicesPhone, "like").get(0).path("collapseKey").asText())
                .isEqualTo("like:" + postId);
        JsonNode inbox = Eventually.await(
                        "three groups in Alice's inbox",
                        () -> api.get("/api/notifications", aliceToken),
                        answer -> answer.body().path("items").size() == 3)
                .body();
        assertThat(types(inbox.path("items"))).containsExactly("comment", "like", "new_follower");
        assertThat(inbox.path("items").get(1).path("text").asText())
                .isEqualTo("nbob_" + suffix + " gefällt dein Beitrag");
        assertThat(api.get("/api/notifications/unread-count", aliceToken)
                        .body()
                        .path("count")
                        .asInt())
                .isEqualTo(3);
        assertThat(api.post("/api/notifications/seen", body(), aliceToken).status())
                .isEqualTo(204);
        assertThat(api.get("/api/notifications/unread-count", aliceToken)
                        .body()
                        .path("count")
                        .asInt())
                .isZero();

        // Settings are checked, and the operators' dead letters are theirs alone.
        Answer invalid = api.put("/api/users/me/notification-settings", body("language", "??"), bobToken);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/api/admin/push/dead-letters", bobToken).status()).isEqualTo(403);
        assertThat(api.get("/api/admin/push/dead-letters", devstack.adminToken())
                        .status())
                .isEqualTo(200);

        // Nothing was sent twice.
        assertThat(pushesFor(bobsPhone, "new_post")).hasSize(1);
        assertThat(pushesFor(alicesPhone, "new_follower")).hasSize(1);
        assertThat(pushesFor(alicesPhone, "like")).hasSize(1);
    }

    private static List<JsonNode> pushesFor(String token, String type) {
        List<JsonNode> matching = new ArrayList<>();
        api.get("/dev/fcm/messages", null).body().forEach(message -> {
            if (token.equals(message.path("token").asText())
                    && type.equals(message.path("data").path("type").asText())) {
                matching.add(message);
            }
        });
        return matching;
    }

    private static List<String> types(JsonNode items) {
        List<String> types = new ArrayList<>();
        items.forEach(item -> types.add(item.path("type").asText()));
        return types;
    }
}
