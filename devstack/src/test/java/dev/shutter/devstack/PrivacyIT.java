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
 * Private accounts, follow requests and blocks end to end, over HTTP through the one base URL of the shared devstack:
 * the command side decides, the projections keep the views, the query side answers each caller what they may see.
 */
@ExtendWith(RunningDevstack.Shared.class)
class PrivacyIT {

    private static RunningDevstack devstack;
    private static ShutterApi api;

    @BeforeAll
    static void useDevstack(RunningDevstack running) {
        devstack = running;
        api = running.api();
    }

    @Test
    void aPrivateAccountsPostsReachOnlyTheFollowersItApproved() {
        User olivia = user("olivia");
        User fred = user("fred");
        User sam = user("sam");
        assertThat(api.put("/api/users/me/privacy", body("private", true), olivia.token)
                        .status())
                .isEqualTo(204);
        await(
                "olivia's profile shows a private account",
                "/api/users/" + olivia.id,
                sam,
                profile -> profile.status() == 200
                        && profile.body().path("privateAccount").asBoolean());
        String post = publish(olivia, "Only for friends");

        assertThat(api.put("/api/users/me/following/" + olivia.id, fred.token).status())
                .isEqualTo(204);
        Answer requests =
                await("fred's request waits for olivia", "/api/users/me/follow-requests", olivia, answer -> ids(answer)
                        .contains(fred.id));
        assertThat(requests.body().at("/items/0/username").asText()).isEqualTo(fred.name);
        assertThat(requests.body().at("/items/0/requestedAt").isTextual()).isTrue();
        assertThat(api.get("/api/users/" + olivia.id + "/posts", fred.token).code())
                .as("a pending request is not enough")
                .isEqualTo("PRIVATE_ACCOUNT");

        assertThat(api.put("/api/users/me/follow-requests/" + fred.id, olivia.token)
                        .status())
                .isEqualTo(204);

        await(
                "fred sees olivia's posts once approved",
                "/api/users/" + olivia.id + "/posts",
                fred,
                answer -> ids(answer).equals(List.of(post)));
        await("olivia's post reaches fred's home timeline", "/api/timeline", fred, answer -> ids(answer)
                .contains(post));
        await("the request is no longer pending", "/api/users/me/follow-requests", olivia, answer -> ids(answer)
                .isEmpty());
        assertThat(ids(api.get("/api/users/" + olivia.id + "/followers", fred.token)))
                .containsExactly(fred.id);
        assertThat(api.get("/api/posts/" + post, fred.token).status()).isEqualTo(200);
        assertThat(api.get("/api/posts/" + post, olivia.token).status()).isEqualTo(200);

        Answer header = api.get("/api/users/" + olivia.id, sam.token);
        assertThat(header.status()).isEqualTo(200);
        assertThat(header.body().path("followerCount").asLong()).isEqualTo(1);
        assertThat(api.get("/api/users/" + olivia.id + "/posts", sam.token).code())
                .isEqualTo("PRIVATE_ACCOUNT");
        assertThat(api.get("/api/users/" + olivia.id + "/followers", sam.token).code())
                .isEqualTo("PRIVATE_ACCOUNT");
        assertThat(api.get("/api/users/" + olivia.id + "/following", sam.token).code())
                .isEqualTo("PRIVATE_ACCOUNT");
        assertThat(api.get("/api/posts/" + post, sam.token).status()).isEqualTo(404);
        assertThat(api.get("/api/posts/" + post + "/comments", sam.token).status())
                .isEqualTo(404);
    }

    @Test
    void switchingToPublicApprovesThePendingRequests() {
        User olivia = user("olivia");
        User rita = user("rita");
        api.put("/api/users/me/privacy", body("private", true), olivia.token);
        await("olivia's account is private", "/api/users/" + olivia.id, rita, profile -> profile.body()
                .path("privateAccount")
                .asBoolean());
        String post = publish(olivia, "Soon for everyone");
        assertThat(api.put("/api/users/me/following/" + olivia.id, rita.token).status())
                .isEqualTo(204);
        await("rita's request waits", "/api/users/me/follow-requests", olivia, answer -> ids(answer)
                .contains(rita.id));

        assertThat(api.put("/api/users/me/privacy", body("private", false), olivia.token)
                        .status())
                .isEqualTo(204);

        await("rita now follows olivia", "/api/users/" + olivia.id + "/followers", rita, answer -> ids(answer)
                .contains(rita.id));
        await("olivia's post reaches rita's home timeline", "/api/timeline", rita, answer -> ids(answer)
                .contains(post));
        assertThat(ids(api.get("/api/users/me/follow-requests", olivia.token))).isEmpty();
        assertThat(api.get("/api/users/" + olivia.id, rita.token)
                        .body()
                        .path("privateAccount")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aBlockSeparatesTwoUsersInTimelinesFollowsAndReads() {
        User paula = user("paula");
        User bruno = user("bruno");
        User sam = user("sam");
        follow(bruno, paula);
        follow(paula, bruno);
        follow(sam, paula);
        String paulasPost = publish(paula, "Hello #block" + paula.name);
        String brunosPost = publish(bruno, "Hi #block" + paula.name);
        await("bruno sees paula's post", "/api/timeline", bruno, answer -> ids(answer)
                .contains(paulasPost));
        await("paula sees bruno's post", "/api/timeline", paula, answer -> ids(answer)
                .contains(brunosPost));

        assertThat(api.put("/api/users/me/blocks/" + bruno.id, paula.token).status())
                .isEqualTo(204);

        await("paula's post leaves bruno's home timeline", "/api/timeline", bruno, answer -> !ids(answer)
                .contains(paulasPost));
        await("bruno's post leaves paula's home timeline", "/api/timeline", paula, answer -> !ids(answer)
                .contains(brunosPost));
        await("bruno no longer follows paula", "/api/users/" + paula.id + "/followers", sam, answer -> ids(answer)
                .equals(List.of(sam.id)));
        await("paula no longer follows bruno", "/api/users/" + paula.id + "/following", sam, answer -> ids(answer)
                .isEmpty());
        assertThat(ids(api.get("/api/users/me/blocks", paula.token))).containsExactly(bruno.id);
        assertThat(api.get("/api/users/" + paula.id, bruno.token).status()).isEqualTo(404);
        assertThat(api.get("/api/users/" + bruno.id, paula.token).status()).isEqualTo(404);
        assertThat(api.get("/api/users/" + paula.id + "/posts", bruno.token).status())
                .isEqualTo(404);
        assertThat(api.get("/api/posts/" + paulasPost, bruno.token).status()).isEqualTo(404);
        assertThat(ids(api.get("/api/tags/block" + paula.name + "/posts", bruno.token)))
                .containsExactly(brunosPost);
        assertThat(ids(api.get("/api/tags/block" + paula.name + "/posts", sam.token)))
                .containsExactly(brunosPost, paulasPost);
        assertThat(api.put("/api/users/me/following/" + paula.id, bruno.token).status())
                .as("no follow while blocked")
                .isEqualTo(403);

        String later = publish(paula, "After the block");
        await("paula's new post was fanned out to sam", "/api/timeline", sam, answer -> ids(answer)
                .contains(later));
        assertThat(ids(api.get("/api/timeline", bruno.token))).doesNotContain(later);
    }

    private record User(String id, String name, String token) {}

    private static User user(String role) {
        String name = role + "_" + UUID.randomUUID().toString().substring(0, 6);
        String id = devstack.register(name);
        return new User(id, name, devstack.login(name));
    }

    private static void follow(User follower, User followee) {
        assertThat(api.put("/api/users/me/following/" + followee.id, follower.token)
                        .status())
                .isEqualTo(204);
    }

    private static Answer await(String what, String path, User caller, java.util.function.Predicate<Answer> condition) {
        return Eventually.await(what, () -> api.get(path, caller.token), condition);
    }

    private static String publish(User author, String caption) {
        Answer upload = api.upload("/api/media", "photo.jpg", "image/jpeg", TestImages.jpeg(320, 240), author.token);
        assertThat(upload.status()).as(upload.body().toString()).isEqualTo(201);
        String mediaId = upload.body().path("id").asText();
        Answer published = Eventually.await(
                "the post is accepted once its photo is known",
                () -> api.post("/api/posts", body("caption", caption, "mediaIds", List.of(mediaId)), author.token),
                answer -> !"MEDIA_NOT_READY".equals(answer.code()));
        assertThat(published.status()).as(published.body().toString()).isEqualTo(201);
        return published.body().path("id").asText();
    }

    private static List<String> ids(Answer page) {
        List<String> ids = new ArrayList<>();
        JsonNode items = page.body().path("items");
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }
}
