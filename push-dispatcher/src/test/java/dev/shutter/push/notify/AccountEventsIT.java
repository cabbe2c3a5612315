package dev.shutter.push.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.devstack.infra.FakeFcm;
import dev.shutter.push.testing.PushDispatcherIntegrationTest;
import dev.shutter.push.testing.PushTestInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Username changes, follow requests to private accounts, and blocks, as the people involved notice them. */
class AccountEventsIT extends PushDispatcherIntegrationTest {

    private static final PushTestInfrastructure INFRA = new PushTestInfrastructure(
            "accounts-" + UUID.randomUUID().toString().substring(0, 8));
    private static final FakeFcm FCM = FakeFcm.start();
    private static final String SETTINGS = "/api/users/me/notification-settings";

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
    void aRenamedUserIsCalledByTheNewNameFromThenOn() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String alicesPhone = events.deviceRegistered(alice);
        String postId = UUID.randomUUID().toString();
        events.postPublished(alice, postId, "sunset", "photo-1");
        events.liked(bob, postId);
        await().atMost(DEADLINE).until(() -> !messagesTo(alicesPhone, "like").isEmpty());

        events.usernameChanged(bob, "robert");
        events.commented(bob, postId, "lovely");

        await().atMost(DEADLINE).until(() -> !messagesTo(alicesPhone, "comment").isEmpty());
        assertThat(messagesTo(alicesPhone, "like").get(0).notification()).containsEntry("body", "bob liked your post");
        assertThat(messagesTo(alicesPhone, "comment").get(0).notification())
                .containsEntry("body", "robert commented on your post: lovely");
        assertThat(get("/api/notifications", tokenOf(alice)).body().get("items"))
                .extracting(item -> item.get("text").asText())
                .containsExactlyInAnyOrder("robert liked your post", "robert commented on your post");
    }

    @Test
    void theOwnerOfAPrivateAccountHearsOfAFollowRequestOnceAndOfTheApprovedFollow() {
        String owner = events.userRegistered("owner");
        String dave = events.userRegistered("dave");
        String ownersPhone = events.deviceRegistered(owner);

        var request = events.followRequested(dave, owner);
        events.redeliver(request);
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(messagesTo(ownersPhone, "follow_request")).singleElement().satisfies(message -> {
            assertThat(message.notification())
                    .containsEntry("title", "Follow request")
                    .containsEntry("body", "dave asked to follow you");
            assertThat(message.data()).isEqualTo(Map.of("type", "follow_request", "actorId", dave));
            assertThat(message.collapseKey()).isEqualTo("follow_request");
        });
        var inbox = get("/api/notifications", tokenOf(owner)).body().get("items");
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).get("type").asText()).isEqualTo("follow_request");
        assertThat(inbox.get(0).get("text").asText()).isEqualTo("dave asked to follow you");

        events.followed(dave, owner);

        await().atMost(DEADLINE)
                .until(() -> !messagesTo(ownersPhone, "new_follower").isEmpty());
        assertThat(messagesTo(ownersPhone, "new_follower").get(0).notification())
                .containsEntry("body", "dave started following you");
    }

    @Test
    void followRequestPushesHaveTheirOwnSwitchWhichOldClientsLeaveAsItWas() {
        String owner = events.userRegistered("owner");
        String frank = events.userRegistered("frank");
        String ownersPhone = events.deviceRegistered(owner);
        assertThat(get(SETTINGS, tokenOf(owner)).body().get("followRequest").asBoolean())
                .isTrue();

        Response turnedOff = put(SETTINGS, tokenOf(owner), settings(", \"followRequest\": false"));
        Response oldClient = put(SETTINGS, tokenOf(owner), settings(""));
        events.followRequested(frank, owner);
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(turnedOff.status()).isEqualTo(200);
        assertThat(oldClient.status()).isEqualTo(200);
        assertThat(oldClient.body().get("followRequest").asBoolean()).isFalse();
        assertThat(get(SETTINGS, tokenOf(owner)).body().get("followRequest").asBoolean())
                .isFalse();
        assertThat(messagesTo(ownersPhone)).isEmpty();
        assertThat(get("/api/notifications", tokenOf(owner)).body().get("items"))
                .extracting(item -> item.get("type").asText())
                .containsExactly("follow_request");
        String newUser = UUID.randomUUID().toString();
        assertThat(put(SETTINGS, tokenOf(newUser), settings(""))
                        .body()
                        .get("followRequest")
                        .asBoolean())
                .isTrue();
        Response malformed = put(SETTINGS, tokenOf(newUser), settings(", \"followRequest\": \"sometimes\""));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
    }

    @Test
    void whileOneBlocksTheOtherNeitherHearsOfWhatTheOtherDoes() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String alicesPhone = events.deviceRegistered(alice);
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(alice, bob);
        events.followed(bob, alice);
        String alicesPost = UUID.randomUUID().toString();
        events.postPublished(alice, alicesPost, "mine", "photo-1");
        String bobsPost = UUID.randomUUID().toString();
        events.postPublished(bob, bobsPost, "his", "photo-2");
        awaitEverythingPublishedSoFarIsHandled();
        fcm().reset();
        int alicesInbox =
                get("/api/notifications", tokenOf(alice)).body().get("items").size();
        int bobsInbox =
                get("/api/notifications", tokenOf(bob)).body().get("items").size();

        events.blocked(alice, bob);
        events.liked(bob, alicesPost);
        events.commented(bob, alicesPost, "hey");
        events.mentioned(bob, bobsPost, List.of(alice));
        events.postPublished(bob, UUID.randomUUID().toString(), "new", "photo-3");
        events.liked(alice, bobsPost);
        events.mentioned(alice, alicesPost, List.of(bob));
        events.postPublished(alice, UUID.randomUUID().toString(), "new too", "photo-4");
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(messagesTo(List.of(alicesPhone, bobsPhone))).isEmpty();
        assertThat(get("/api/notifications", tokenOf(alice)).body().get("items"))
                .hasSize(alicesInbox);
        assertThat(get("/api/notifications", tokenOf(bob)).body().get("items")).hasSize(bobsInbox);

        events.unblocked(alice, bob);
        events.liked(bob, alicesPost);

        await().atMost(DEADLINE).until(() -> !messagesTo(alicesPhone, "like").isEmpty());
        assertThat(messagesTo(bobsPhone)).isEmpty();
    }

    private static String settings(String extra) {
        return """
                {"newPost":true,"newFollower":true,"like":true,"comment":true,"mention":true%s,
                 "mutedAccounts":[],"language":"en"}"""
                .formatted(extra);
    }
}
