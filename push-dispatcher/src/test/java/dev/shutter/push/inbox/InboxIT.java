package dev.shutter.push.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.devstack.infra.FakeFcm;
import dev.shutter.push.testing.PushDispatcherIntegrationTest;
import dev.shutter.push.testing.PushTestInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class InboxIT extends PushDispatcherIntegrationTest {

    private static final PushTestInfrastructure INFRA =
            new PushTestInfrastructure("inbox-" + UUID.randomUUID().toString().substring(0, 8));
    private static final FakeFcm FCM = FakeFcm.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry, FCM);
    }

    @Override
    protected PushTestInfrastructure infra() {
        return INFRA;
    }

    @Override
    protected FakeFcm fcm() {
        return FCM;
    }

    @Test
    void groupsTheLikesOfAPostIntoOneLine() throws Exception {
        String alice = events.userRegistered("alice");
        String postId = UUID.randomUUID().toString();
        events.postPublished(alice, postId, "sunset", "photo-1");
        List<String> likers = new ArrayList<>();
        for (String name : List.of("bob", "carol", "dave", "erin", "frank")) {
            String liker = events.userRegistered(name);
            likers.add(liker);
            events.liked(liker, postId);
            Thread.sleep(5); // distinct times, so "latest" is well defined
        }
        awaitEverythingPublishedSoFarIsHandled();

        JsonNode items = get("/api/notifications", tokenOf(alice)).body().get("items");

        assertThat(items).hasSize(1);
        JsonNode group = items.get(0);
        assertThat(group.get("type").asText()).isEqualTo("like");
        assertThat(group.get("postId").asText()).isEqualTo(postId);
        assertThat(group.get("actorCount").asLong()).isEqualTo(5);
        assertThat(group.get("actors")).hasSize(3);
        assertThat(group.get("actors").get(0).get("id").asText()).isEqualTo(likers.get(4));
        assertThat(group.get("actors").get(0).get("username").asText()).isEqualTo("frank");
        assertThat(group.get("text").asText()).isEqualTo("frank, erin and 3 others liked your post");
        assertThat(group.get("seen").asBoolean()).isFalse();
    }

    @Test
    void aRedeliveredLikeCountsOnce() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String carol = events.userRegistered("carol");
        String postId = UUID.randomUUID().toString();
        events.postPublished(alice, postId, "sunset", "photo-1");

        Message like = events.liked(bob, postId);
        events.redeliver(like);
        events.liked(carol, postId);
        events.redeliver(like);
        awaitEverythingPublishedSoFarIsHandled();

        JsonNode group =
                get("/api/notifications", tokenOf(alice)).body().get("items").get(0);
        assertThat(group.get("actorCount").asLong()).isEqualTo(2);
        assertThat(group.get("text").asText()).isIn("carol and bob liked your post", "bob and carol liked your post");
    }

    @Test
    void countsUnreadGroupsUntilTheyAreSeen() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String postId = UUID.randomUUID().toString();
        events.postPublished(alice, postId, "sunset", "photo-1");
        events.liked(bob, postId);
        events.commented(bob, postId, "nice");
        events.followed(bob, alice);
        awaitEverythingPublishedSoFarIsHandled();
        String token = tokenOf(alice);

        assertThat(get("/api/notifications/unread-count", token)
                        .body()
                        .get("count")
                        .asLong())
                .isEqualTo(3);
        assertThat(post("/api/notifications/seen", token).status()).isEqualTo(204);
        assertThat(get("/api/notifications/unread-count", token)
                        .body()
                        .get("count")
                        .asLong())
                .isZero();
        assertThat(get("/api/notifications", token).body().get("items"))
                .allSatisfy(item -> assertThat(item.get("seen").asBoolean()).isTrue());

        events.liked(events.userRegistered("carol"), postId);
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(get("/api/notifications/unread-count", token)
                        .body()
                        .get("count")
                        .asLong())
                .isEqualTo(1);
        JsonNode newest = get("/api/notifications", token).body().get("items").get(0);
        assertThat(newest.get("text").asText()).isEqualTo("carol and bob liked your post");
        assertThat(newest.get("seen").asBoolean()).isFalse();
    }

    @Test
    void pagesNewestFirstWithACursor() throws Exception {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String postId = UUID.randomUUID().toString();
            posts.add(postId);
            events.postPublished(alice, postId, "post " + i, "photo-" + i);
            events.liked(bob, postId);
            Thread.sleep(5);
        }
        awaitEverythingPublishedSoFarIsHandled();
        String token = tokenOf(alice);

        JsonNode first = get("/api/notifications?limit=2", token).body();
        JsonNode second = get(
                        "/api/notifications?limit=2&cursor="
                                + first.get("nextCursor").asText(),
                        token)
                .body();

        assertThat(first.get("items"))
                .extracting(item -> item.get("postId").asText())
                .containsExactly(posts.get(2), posts.get(1));
        assertThat(second.get("items"))
                .extracting(item -> item.get("postId").asText())
                .containsExactly(posts.get(0));
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void answersABadPageRequestWithProblemJsonAndNeedsAToken() {
        String token = tokenOf("someone");

        Response badLimit = get("/api/notifications?limit=1000", token);
        Response badCursor = get("/api/notifications?cursor=not-a-cursor", token);
        Response anonymous = get("/api/notifications", null);

        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.contentType()).isEqualTo("application/problem+json");
        assertThat(badLimit.body().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(badLimit.body().get("errors").get(0).get("field").asText()).isEqualTo("limit");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.body().get("errors").get(0).get("field").asText()).isEqualTo("cursor");
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void settingsStartWithEverythingOnAndKeepWhatTheUserPuts() {
        String token = tokenOf("settings-" + UUID.randomUUID());

        JsonNode defaults = get("/api/users/me/notification-settings", token).body();
        Response saved = put(
                "/api/users/me/notification-settings",
                token,
                """
                {"newPost":false,"newFollower":true,"like":false,"comment":true,"mention":true,
                 "mutedAccounts":["u-9","u-9","u-7"],"language":"pt-BR"}""");
        JsonNode after = get("/api/users/me/notification-settings", token).body();

        assertThat(defaults.toString())
                .isEqualTo("{\"newPost\":true,\"newFollower\":true,\"like\":true,\"comment\":true,\"mention\":true,"
                        + "\"followRequest\":true,\"mutedAccounts\":[],\"language\":\"en\"}");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(after).isEqualTo(saved.body());
        assertThat(after.get("newPost").asBoolean()).isFalse();
        assertThat(after.get("followRequest").asBoolean()).isTrue();
        assertThat(after.get("mutedAccounts")).extracting(JsonNode::asText).containsExactly("u-9", "u-7");
        assertThat(after.get("language").asText()).isEqualTo("pt-BR");
    }

    @Test
    void rejectsInvalidSettingsWithProblemJsonAndChangesNothing() {
        String userId = "settings-" + UUID.randomUUID();
        String token = tokenOf(userId);
        put(
                "/api/users/me/notification-settings",
                token,
                """
                {"newPost":true,"newFollower":true,"like":false,"comment":true,"mention":true}""");

        Response invalid = put(
                "/api/users/me/notification-settings", token, """
                {"newPost":true,"like":"maybe?"}""");
        Response incomplete = put(
                "/api/users/me/notification-settings",
                token,
                """
                {"newPost":true,"mutedAccounts":["%s", ""],"language":"english please"}"""
                        .formatted(userId));
        Response notJson = put("/api/users/me/notification-settings", token, "{ nope");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).isEqualTo("application/problem+json");
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.body().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(incomplete.body().get("errors"))
                .extracting(error -> error.get("field").asText())
                .contains(
                        "newFollower",
                        "like",
                        "comment",
                        "mention",
                        "mutedAccounts[0]",
                        "mutedAccounts[1]",
                        "language");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().get("code").asText()).isEqualTo("MALFORMED_REQUEST");
        assertThat(get("/api/users/me/notification-settings", token)
                        .body()
                        .get("like")
                        .asBoolean())
                .isFalse();
    }
}
