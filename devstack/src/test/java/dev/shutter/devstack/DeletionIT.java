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

/**
 * Account deletion through the gateway, as the user and the people around them see it: nothing of the deleted
 * account stays in any read, push or inbox, other users' counts and timelines drop it, and rebuilding every view from
 * the event store afterwards brings none of it back.
 */
@ExtendWith(RunningDevstack.Shared.class)
class DeletionIT {

    private static final List<String> VIEWS = List.of("profiles", "social", "posts", "timelines");

    private static RunningDevstack devstack;
    private static ShutterApi api;

    @BeforeAll
    static void useDevstack(RunningDevstack running) {
        devstack = running;
        api = running.api();
    }

    @Test
    void aDeletedAccountLeavesNothingInAnyReadAndARebuildBringsNothingBack() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String aliceName = "alice_" + suffix;
        String bobName = "bob_" + suffix;
        String alice = devstack.register(aliceName);
        String bob = devstack.register(bobName);
        String aliceToken = devstack.login(aliceName);
        String bobToken = devstack.login(bobName);
        String alicePhone = "alice-phone-" + suffix;
        assertThat(api.post("/api/users/me/devices", body("token", alicePhone, "platform", "ios"), aliceToken)
                        .status())
                .isEqualTo(204);
        assertThat(api.put("/api/users/me/following/" + bob, aliceToken).status())
                .isEqualTo(204);
        assertThat(api.put("/api/users/me/following/" + alice, bobToken).status())
                .isEqualTo(204);
        String alicePhoto = uploaded(aliceToken);
        String alicePost = created(
                api.publish(body("caption", "Alice's garden #roses", "mediaIds", List.of(alicePhoto)), aliceToken));
        String bobPost = created(
                api.publish(body("caption", "Bob's kitchen", "mediaIds", List.of(uploaded(bobToken))), bobToken));
        assertThat(api.put("/api/posts/" + bobPost + "/likes/me", aliceToken).status())
                .isEqualTo(204);
        created(api.post("/api/posts/" + bobPost + "/comments", body("text", "Looks tasty, @" + bobName), aliceToken));
        Eventually.await(
                "alice's like, comment and post in bob's reads",
                () -> List.of(
                        api.get("/api/posts/" + bobPost, bobToken).body(),
                        api.get("/api/timeline", bobToken).body()),
                reads -> reads.get(0).path("likeCount").asInt() == 1
                        && reads.get(0).path("commentCount").asInt() == 1
                        && ids(reads.get(1)).contains(alicePost));
        Eventually.await(
                "bob's inbox names alice",
                () -> api.get("/api/notifications", bobToken).body().toString(),
                inbox -> inbox.contains(alice));

        JsonNode export = Eventually.await(
                "alice's export with bob's follow in her inbox",
                () -> api.get("/api/users/me/export", aliceToken).body(),
                document -> document.path("notifications").toString().contains(bobName));
        assertThat(export.path("account").path("email").asText()).isEqualTo(aliceName + "@example.com");
        assertThat(export.path("notificationSettings").path("language").asText())
                .isEqualTo("en");
        assertThat(export.path("posts").get(0).path("caption").asText()).isEqualTo("Alice's garden #roses");

        Answer deleted = api.delete("/api/users/me", body("password", RunningDevstack.PASSWORD), aliceToken);

        assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(204);
        Eventually.await(
                "every read without alice",
                () -> tracesOf(alice, aliceName, bob, bobPost, alicePost, alicePhoto, bobToken),
                List::isEmpty);
        assertThat(api.put("/api/users/me/profile", body("displayName", "Back"), aliceToken)
                        .status())
                .as("the deleted account's token")
                .isEqualTo(401);
        assertThat(api.post("/api/auth/token", body("login", aliceName, "password", RunningDevstack.PASSWORD), null)
                        .status())
                .isEqualTo(401);
        int pushesBefore = pushesTo(alicePhone);
        String bobsNextPost =
                created(api.publish(body("caption", "After", "mediaIds", List.of(uploaded(bobToken))), bobToken));
        Eventually.await(
                "bob's next post in his own timeline",
                () -> ids(api.get("/api/users/" + bob + "/posts", bobToken).body()),
                posts -> posts.contains(bobsNextPost));

        rebuildEverything();

        assertThat(tracesOf(alice, aliceName, bob, bobPost, alicePost, alicePhoto, bobToken))
                .as("after rebuilding every view")
                .isEmpty();
        assertThat(pushesTo(alicePhone))
                .as("pushes to alice's phone after the deletion")
                .isEqualTo(pushesBefore);
        assertThat(devstack.register(aliceName))
                .as("the username is free again")
                .isNotEqualTo(alice);
    }

    /** Whatever of alice bob can still see; empty when nothing. */
    private static List<String> tracesOf(
            String alice,
            String aliceName,
            String bob,
            String bobPost,
            String alicePost,
            String alicePhoto,
            String bobToken) {
        List<String> traces = new ArrayList<>();
        expectStatus(traces, "alice's profile", api.get("/api/users/" + alice, bobToken), 404);
        expectStatus(traces, "alice by username", api.get("/api/users?username=" + aliceName, bobToken), 404);
        expectStatus(traces, "alice's post", api.get("/api/posts/" + alicePost, bobToken), 404);
        expectStatus(traces, "alice's photo", api.get("/api/media/" + alicePhoto, bobToken), 404);
        JsonNode post = api.get("/api/posts/" + bobPost, bobToken).body();
        if (post.path("likeCount").asInt() != 0 || post.path("commentCount").asInt() != 0) {
            traces.add("bob's post counts " + post);
        }
        JsonNode profile = api.get("/api/users/" + bob, bobToken).body();
        if (profile.path("followerCount").asInt() != 0
                || profile.path("followingCount").asInt() != 0) {
            traces.add("bob's follow counts " + profile);
        }
        for (String read : List.of(
                "/api/posts/" + bobPost + "/comments",
                "/api/posts/" + bobPost + "/likes",
                "/api/users/" + bob + "/followers",
                "/api/users/" + bob + "/following",
                "/api/users/search?q=" + aliceName,
                "/api/tags/roses/posts",
                "/api/timeline",
                "/api/notifications",
                "/api/users/me/export")) {
            String answer = api.get(read, bobToken).body().toString();
            if (answer.contains(alice) || answer.contains(aliceName)) {
                traces.add(read + " " + answer);
            }
        }
        return traces;
    }

    private static void expectStatus(List<String> traces, String what, Answer answer, int status) {
        if (answer.status() != status) {
            traces.add(what + " answered " + answer.status() + " " + answer.body());
        }
    }

    /** Rebuilds every projections view and push-dispatcher's read model from the event store, one after the other. */
    private static void rebuildEverything() {
        String adminToken = devstack.adminToken();
        for (String view : VIEWS) {
            int generation = viewState(view, adminToken).path("generation").asInt();
            Eventually.await(
                    "the rebuild of " + view + " accepted",
                    () -> api.post("/api/admin/views/" + view + "/rebuild", body(), adminToken)
                            .status(),
                    status -> status == 202);
            Eventually.await(
                    view + " rebuilt into a new generation",
                    () -> viewState(view, adminToken),
                    state -> state.path("generation").asInt() > generation
                            && "live".equals(state.path("state").asText()));
        }
        int pushGeneration = api.get("/api/admin/push/rebuild", adminToken)
                .body()
                .path("generation")
                .asInt();
        Eventually.await(
                "the rebuild of push-dispatcher's read model accepted",
                () -> api.post("/api/admin/push/rebuild", body(), adminToken).status(),
                status -> status == 202);
        Eventually.await(
                "push-dispatcher's read model rebuilt",
                () -> api.get("/api/admin/push/rebuild", adminToken).body(),
                state -> state.path("generation").asInt() > pushGeneration
                        && "live".equals(state.path("state").asText()));
    }

    private static JsonNode viewState(String view, String adminToken) {
        for (JsonNode state : api.get("/api/admin/views", adminToken).body()) {
            if (view.equals(state.path("name").asText())) {
                return state;
            }
        }
        throw new AssertionError("No view named " + view);
    }

    private static int pushesTo(String deviceToken) {
        int pushes = 0;
        for (JsonNode message : api.get("/dev/fcm/messages", null).body()) {
            if (deviceToken.equals(message.path("token").asText())) {
                pushes++;
            }
        }
        return pushes;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
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
