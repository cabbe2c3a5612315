package dev.shutter.push.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shutter.devstack.infra.FakeFcm;
import dev.shutter.devstack.infra.FcmMessage;
import dev.shutter.push.fcm.RecordingFcmGateway;
import dev.shutter.push.testing.PushDispatcherIntegrationTest;
import dev.shutter.push.testing.PushTestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@Import(RecordingFcmGateway.Config.class)
class NotificationTriggersIT extends PushDispatcherIntegrationTest {

    private static final PushTestInfrastructure INFRA = new PushTestInfrastructure(
            "triggers-" + UUID.randomUUID().toString().substring(0, 8));
    private static final FakeFcm FCM = FakeFcm.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry, FCM);
    }

    @Autowired
    private RecordingFcmGateway gateway;

    @Override
    protected PushTestInfrastructure infra() {
        return INFRA;
    }

    @Override
    protected FakeFcm fcm() {
        return FCM;
    }

    @Test
    void tellsTheAuthorAboutALikeWithThePhotoAndOneCollapseKeyPerPost() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String alicesPhone = events.deviceRegistered(alice);
        String postId = UUID.randomUUID().toString();
        events.postPublished(alice, postId, "sunset", "photo-1");

        events.liked(bob, postId);

        await().atMost(DEADLINE).until(() -> !messagesTo(alicesPhone, "like").isEmpty());
        assertThat(messagesTo(alicesPhone, "like")).singleElement().satisfies(message -> {
            assertThat(message.notification())
                    .containsEntry("title", "New like")
                    .containsEntry("body", "bob liked your post")
                    .containsEntry("image", "https://shutter.test/api/media/photo-1/small");
            assertThat(message.data()).isEqualTo(Map.of("type", "like", "postId", postId, "actorId", bob));
            assertThat(message.collapseKey()).isEqualTo("like:" + postId);
            assertThat(message.apnsCollapseId()).isEqualTo("like:" + postId);
        });
    }

    @Test
    void tellsTheAuthorAboutACommentWithItsBeginning() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String alicesPhone = events.deviceRegistered(alice);
        String postId = UUID.randomUUID().toString();
        events.postPublished(alice, postId, "sunset", "photo-1");

        events.commented(bob, postId, "What a   light!\nWhere is this?");

        await().atMost(DEADLINE).until(() -> !messagesTo(alicesPhone, "comment").isEmpty());
        FcmMessage message = messagesTo(alicesPhone, "comment").get(0);
        assertThat(message.notification())
                .containsEntry("title", "New comment")
                .containsEntry("body", "bob commented on your post: What a light! Where is this?");
        assertThat(message.collapseKey()).isEqualTo("comment:" + postId);
    }

    @Test
    void neverTellsTheActorAboutTheirOwnLikeCommentOrMention() {
        String alice = events.userRegistered("alice");
        String alicesPhone = events.deviceRegistered(alice);
        String postId = UUID.randomUUID().toString();
        events.postPublished(alice, postId, "me", "photo-1");

        events.liked(alice, postId);
        events.commented(alice, postId, "first!");
        events.mentioned(alice, postId, List.of(alice));
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(messagesTo(alicesPhone)).isEmpty();
    }

    @Test
    void tellsEveryMentionedUser() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String carol = events.userRegistered("carol");
        String bobsPhone = events.deviceRegistered(bob);
        String carolsPhone = events.deviceRegistered(carol);
        String postId = UUID.randomUUID().toString();
        events.postPublished(alice, postId, "with @bob and @carol", "photo-1");

        events.mentioned(alice, postId, List.of(bob, carol));

        await().atMost(DEADLINE)
                .until(() -> messagesTo(bobsPhone, "mention").size() == 1
                        && messagesTo(carolsPhone, "mention").size() == 1);
        assertThat(messagesTo(bobsPhone, "mention").get(0).notification())
                .containsEntry("title", "You were mentioned")
                .containsEntry("body", "alice mentioned you");
    }

    @Test
    void tellsAUserAboutEachNewFollowerOnceEvenWhenTheFollowComesAgain() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String carol = events.userRegistered("carol");
        String alicesPhone = events.deviceRegistered(alice);

        events.followed(bob, alice);
        awaitEverythingPublishedSoFarIsHandled();
        var carolFollows = events.followed(carol, alice);
        events.unfollowed(carol, alice);
        events.redeliver(carolFollows);
        awaitEverythingPublishedSoFarIsHandled();

        List<FcmMessage> received = messagesTo(alicesPhone, "new_follower");
        assertThat(received).hasSize(2);
        assertThat(received.get(0).notification()).containsEntry("body", "bob started following you");
        assertThat(received.get(0).data()).isEqualTo(Map.of("type", "new_follower", "actorId", bob));
        assertThat(received.get(1).notification()).containsEntry("body", "carol started following you");
    }

    @Test
    void speaksTheRecipientsLanguage() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String alicesPhone = events.deviceRegistered(alice);
        String postId = UUID.randomUUID().toString();
        events.postPublished(alice, postId, "sunset", "photo-1");
        assertThat(put("/api/users/me/notification-settings", tokenOf(alice), settings(true, true, "de"))
                        .status())
                .isEqualTo(200);

        events.liked(bob, postId);

        await().atMost(DEADLINE).until(() -> !messagesTo(alicesPhone, "like").isEmpty());
        assertThat(messagesTo(alicesPhone, "like").get(0).notification())
                .containsEntry("title", "Neues Like")
                .containsEntry("body", "bob gefällt dein Beitrag");
    }

    @Test
    void sendsNoPushOfATypeTheUserTurnedOffButKeepsItInTheInbox() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String alicesPhone = events.deviceRegistered(alice);
        String postId = UUID.randomUUID().toString();
        events.postPublished(alice, postId, "sunset", "photo-1");
        put("/api/users/me/notification-settings", tokenOf(alice), settings(true, false, "en"));

        events.liked(bob, postId);
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(messagesTo(alicesPhone)).isEmpty();
        var inbox = get("/api/notifications", tokenOf(alice)).body().get("items");
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).get("text").asText()).isEqualTo("bob liked your post");
    }

    @Test
    void mutedAccountsNewPostsReachNeitherThePhoneNorTheInbox() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(bob, alice);
        awaitEverythingPublishedSoFarIsHandled();
        put(
                "/api/users/me/notification-settings",
                tokenOf(bob),
                """
                {"newPost":true,"newFollower":true,"like":true,"comment":true,"mention":true,
                 "mutedAccounts":["%s"],"language":"en"}"""
                        .formatted(alice));

        events.postPublished(alice, UUID.randomUUID().toString(), "muted", "photo-1");
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(messagesTo(bobsPhone)).isEmpty();
        assertThat(get("/api/notifications", tokenOf(bob)).body().get("items")).isEmpty();
    }

    @Test
    void keepsThePayloadUnderFourKilobytesWhateverTheCaption() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(bob, alice);
        String caption = "📷".repeat(2_200);

        events.postPublished(alice, UUID.randomUUID().toString(), caption, "photo-1");

        await().atMost(DEADLINE).until(() -> !messagesTo(bobsPhone, "new_post").isEmpty());
        FcmMessage message = messagesTo(bobsPhone, "new_post").get(0);
        String body = message.notification().get("body");
        assertThat(message.payloadBytes()).isLessThan(FakeFcm.MAX_PAYLOAD_BYTES);
        assertThat(body).startsWith("alice shared a photo: 📷📷").endsWith("📷…");
        assertThat(body.codePointCount(0, body.length())).isEqualTo("alice shared a photo: ".length() + 100 + 1);
    }

    @Test
    void aLikeOfADeletedPostNotifiesNobody() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String alicesPhone = events.deviceRegistered(alice);
        String postId = UUID.randomUUID().toString();
        events.postPublished(alice, postId, "gone soon", "photo-1");
        events.postDeleted(alice, postId);

        events.liked(bob, postId);
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(messagesTo(alicesPhone)).isEmpty();
    }

    @Test
    void fansAPostOutInWorkItemsOfAtMostFiveHundredTokens() {
        String alice = events.userRegistered("alice");
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String follower = events.userRegistered("f" + i);
            phones.add(events.deviceRegistered(follower));
            events.followed(follower, alice);
        }

        events.postPublished(alice, UUID.randomUUID().toString(), "to everyone", "photo-1");

        await().atMost(Duration.ofSeconds(90)).until(() -> messagesTo(phones).size() >= 600);
        awaitEverythingPublishedSoFarIsHandled();
        assertThat(messagesTo(phones)).hasSize(600);
        assertThat(messagesTo(phones).stream().map(FcmMessage::token).distinct())
                .hasSize(600);
        // Items of one event may reach the work queue in any order: what counts is that no call carries more than 500.
        assertThat(gateway.batchSizesWithAnyOf(phones)).containsExactlyInAnyOrder(500, 100);
    }

    private static String settings(boolean newPost, boolean like, String language) {
        return """
                {"newPost":%s,"newFollower":true,"like":%s,"comment":true,"mention":true,
                 "mutedAccounts":[],"language":"%s"}"""
                .formatted(newPost, like, language);
    }
}
