package dev.shutter.push.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.devstack.infra.FakeFcm;
import dev.shutter.events.block.UserBlocked;
import dev.shutter.events.follow.FollowRequestWithdrawn;
import dev.shutter.events.follow.FollowRequested;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.post.CommentAdded;
import dev.shutter.events.post.CommentDeleted;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.PostUnliked;
import dev.shutter.events.user.DeviceRegistered;
import dev.shutter.events.user.DeviceRemoved;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UsernameChanged;
import dev.shutter.push.notify.Notification;
import dev.shutter.push.notify.WorkItem;
import dev.shutter.push.readmodel.ReadModelGenerations;
import dev.shutter.push.readmodel.ReadModelPart;
import dev.shutter.push.settings.NotificationType;
import dev.shutter.push.testing.PushDispatcherIntegrationTest;
import dev.shutter.push.testing.PushTestInfrastructure;
import dev.shutter.push.wire.ReadModelHandler;
import dev.shutter.push.wire.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A user deletes their account: the command side ends what they did (unlikes, deleted comments and posts, unfollows,
 * withdrawn requests, removed devices), then sends {@code UserDeleted}. Afterwards push-dispatcher holds nothing of the
 * user but a tombstone with their id and sequence number, others' inboxes and settings lose them, and nothing they did
 * comes back, neither by redelivery nor by replaying their history with its personal data erased.
 */
class AccountDeletionIT extends PushDispatcherIntegrationTest {

    private static final PushTestInfrastructure INFRA = new PushTestInfrastructure(
            "deletion-" + UUID.randomUUID().toString().substring(0, 8));
    private static final FakeFcm FCM = FakeFcm.start();
    private static final String SETTINGS = "/api/users/me/notification-settings";
    private static final String INBOX = "/api/notifications";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry, FCM);
    }

    @Autowired
    private List<ReadModelHandler> readModel;

    @Autowired
    private List<ReadModelPart> parts;

    @Autowired
    private DeadLetters deadLetters;

    @Autowired
    private ReadModelGenerations generations;

    @Override
    protected PushTestInfrastructure infra() {
        return INFRA;
    }

    @Override
    protected FakeFcm fcm() {
        return FCM;
    }

    @Test
    void aDeletedAccountLeavesNothingButItsTombstoneAndOthersKeepTheRest() {
        String aliceName = "alice-" + UUID.randomUUID().toString().substring(0, 8);
        String alice = events.userRegistered(aliceName);
        String bob = events.userRegistered("bob");
        String carol = events.userRegistered("carol");
        String erin = events.userRegistered("erin");
        String alicesPhone = events.deviceRegistered(alice);
        String alicesTablet = events.deviceRegistered(alice);
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(alice, bob);
        events.followed(carol, bob);
        events.followed(bob, alice);
        events.followRequested(alice, erin);
        events.blocked(alice, erin);
        events.blocked(carol, alice);
        String alicesPost = UUID.randomUUID().toString();
        events.postPublished(alice, alicesPost, "my own", "photo-a");
        String bobsPost = UUID.randomUUID().toString();
        events.postPublished(bob, bobsPost, "his", "photo-b");
        events.liked(bob, alicesPost);
        events.liked(alice, bobsPost);
        events.liked(carol, bobsPost);
        String alicesComment = events.comment(alice, bobsPost, "lovely");
        assertThat(put(SETTINGS, tokenOf(bob), settings("[\"" + alice + "\", \"" + carol + "\"]"))
                        .status())
                .isEqualTo(200);
        assertThat(put(SETTINGS, tokenOf(alice), settings("[]")).status()).isEqualTo(200);
        assertThat(post(INBOX + "/seen", tokenOf(alice)).status()).isEqualTo(204);
        deadLetters.store(item(bob, "bob", List.of(alice, bob)), "FCM unavailable");
        deadLetters.store(item(alice, aliceName, List.of(bob)), "FCM unavailable");
        awaitEverythingPublishedSoFarIsHandled();
        await().atMost(DEADLINE).until(() -> !messagesTo(alicesPhone, "like").isEmpty());
        assertThat(itemsOf(bob))
                .extracting(item -> item.get("text").asText())
                .anyMatch(text -> text.contains(aliceName) && text.contains("carol") && text.contains("liked"));
        assertThat(remnantsOf(alice, aliceName, alicesPhone, alicesTablet)).isNotEmpty();

        deleteAccount(alice, alicesPost, bobsPost, alicesComment, List.of(alicesPhone, alicesTablet), bob, erin);
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(remnantsOf(alice, aliceName, alicesPhone, alicesTablet))
                .containsOnlyKeys("users")
                .extractingByKey("users")
                .satisfies(users -> assertThat(users).singleElement().satisfies(user -> assertThat(user.keySet())
                        .containsExactlyInAnyOrder("_id", "seq", "deleted")));
        assertThat(mongo.findById(alicesPost, Document.class, "posts"))
                .isEqualTo(new Document("_id", alicesPost).append("deleted", true));
        assertThat(itemsOf(bob))
                .extracting(item ->
                        item.get("type").asText() + ": " + item.get("text").asText())
                .containsExactlyInAnyOrder("like: carol liked your post", "new_follower: carol started following you");
        assertThat(itemsOf(bob).toString()).doesNotContain(alice);
        assertThat(get(SETTINGS, tokenOf(bob)).body().get("mutedAccounts"))
                .extracting(JsonNode::asText)
                .containsExactly(carol);
        assertThat(deadLetters.newestFirst(10)).singleElement().satisfies(letter -> assertThat(
                        letter.item().recipients())
                .extracting(WorkItem.Recipient::userId)
                .containsExactly(bob));
        Response refused = get(SETTINGS, tokenOf(alice));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(post(INBOX + "/seen", tokenOf(alice)).status()).isEqualTo(401);
        assertThat(remnantsOf(alice, aliceName, alicesPhone, alicesTablet)).containsOnlyKeys("users");
    }

    @Test
    void nothingOfADeletedAccountComesBackWhenItsEventsAreDeliveredAgain() {
        String dora = events.userRegistered("dora");
        String bob = events.userRegistered("bob");
        String dorasPhone = events.deviceRegistered(dora);
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(dora, bob);
        events.followed(bob, dora);
        events.blocked(bob, dora);
        events.unblocked(bob, dora);
        String dorasPost = UUID.randomUUID().toString();
        events.postPublished(dora, dorasPost, "mine", "photo-d");
        String bobsPost = UUID.randomUUID().toString();
        events.postPublished(bob, bobsPost, "his", "photo-e");
        events.liked(dora, bobsPost);
        events.mentioned(dora, dorasPost, List.of(bob));
        awaitEverythingPublishedSoFarIsHandled();
        deleteAccount(dora, dorasPost, bobsPost, null, List.of(dorasPhone), bob, null);
        awaitEverythingPublishedSoFarIsHandled();
        fcm().reset();
        Map<String, List<Document>> afterDeletion = remnantsOf(dora, dorasPhone);
        List<JsonNode> bobsInbox = itemsOf(bob);
        assertThat(bobsInbox).isEmpty();

        List<Message> history = new ArrayList<>();
        history.addAll(events.messagesOf(dora));
        history.addAll(events.messagesOf(dora + ":" + bob));
        history.addAll(events.messagesOf(bob + ":" + dora));
        history.addAll(events.messagesOf(bob + ">" + dora));
        history.addAll(events.messagesOf(dorasPost));
        history.addAll(events.messagesOf(bobsPost));
        history.forEach(events::redeliver);
        // the registration of the user and of the phone alone, without the later events that ended them
        events.redeliver(events.messagesOf(dora).get(0));
        events.redeliver(events.messagesOf(dora).get(1));
        events.followed(bob, dora);
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(remnantsOf(dora, dorasPhone)).isEqualTo(afterDeletion);
        assertThat(afterDeletion).containsOnlyKeys("users");
        assertThat(messagesTo(List.of(dorasPhone, bobsPhone))).isEmpty();
        assertThat(fcm().messages())
                .noneMatch(message -> dora.equals(message.data().get("actorId")));
        assertThat(itemsOf(bob)).isEqualTo(bobsInbox);
    }

    @Test
    void erasedPersonalDataIsNothingToRecordAndNotifiesNobody() {
        String ghost = events.erasedUserRegistered();
        String bob = events.userRegistered("bob");
        String bobsPhone = events.deviceRegistered(bob);
        events.deviceRegistered(ghost, null);
        events.followed(bob, ghost);
        String bobsPost = UUID.randomUUID().toString();
        events.postPublished(bob, bobsPost, "his", "photo-g");
        events.commented(ghost, bobsPost, null);
        String ghostsPost = UUID.randomUUID().toString();
        events.postPublished(ghost, ghostsPost, null, "photo-h");
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(mongo.findById(ghost, Document.class, "users")).isNotNull().doesNotContainKey("username");
        assertThat(mongo.findAll(Document.class, "devices")).noneMatch(device -> device.get("_id") == null);
        assertThat(mongo.find(Query.query(Criteria.where("userId").is(ghost)), Document.class, "devices"))
                .isEmpty();
        assertThat(messagesTo(bobsPhone)).isEmpty();
        assertThat(itemsOf(bob)).isEmpty();

        events.userDeleted(ghost);
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(remnantsOf(ghost)).containsOnlyKeys("users");
    }

    /**
     * What a rebuild meets after two accounts were deleted: their whole history with every personal field erased
     * (their keys are gone), then the events that ended what they did, then {@code UserDeleted}. Two registrations
     * without a username do not collide, and applying it all a second time changes nothing.
     */
    @Test
    void aReplayOfDeletedAccountsWithErasedPersonalDataLeavesOnlyTheirTombstones() {
        int generation = generations.live() + 40;
        generations.drop(generation);
        parts.forEach(part -> part.createIndexes(generation));
        History story = new History();
        String zed = UUID.randomUUID().toString();
        String xeno = UUID.randomUUID().toString();
        String yvonne = UUID.randomUUID().toString();
        String zedsPost = UUID.randomUUID().toString();
        String yvonnesPost = UUID.randomUUID().toString();
        String zedsComment = UUID.randomUUID().toString();
        Instant now = Instant.now();
        story.add(zed, new UserRegistered(zed, null, null, null, now));
        story.add(xeno, new UserRegistered(xeno, null, null, null, now));
        story.add(yvonne, new UserRegistered(yvonne, "yvonne", "yvonne@shutter.test", "Yvonne", now));
        story.add(zed, new UsernameChanged(zed, null, now));
        story.add(zed, new DeviceRegistered(zed, null, "ios"));
        story.add(yvonne, new DeviceRegistered(yvonne, "yvonnes-phone", "android"));
        story.add(zed + ":" + yvonne, new UserFollowed(zed + ":" + yvonne, zed, yvonne, now));
        story.add(yvonne + ":" + zed, new UserFollowed(yvonne + ":" + zed, yvonne, zed, now));
        story.add(xeno + ":" + yvonne, new FollowRequested(xeno + ":" + yvonne, xeno, yvonne, now));
        story.add(yvonne + ">" + xeno, new UserBlocked(yvonne + ">" + xeno, yvonne, xeno, now));
        story.add(zed + ">" + xeno, new UserBlocked(zed + ">" + xeno, zed, xeno, now));
        story.add(zedsPost, new PostPublished(zedsPost, zed, null, List.of("photo-z"), now));
        story.add(yvonnesPost, new PostPublished(yvonnesPost, yvonne, "hers", List.of("photo-y"), now));
        story.add(yvonnesPost, new PostLiked(yvonnesPost, zed, now));
        story.add(yvonnesPost, new CommentAdded(yvonnesPost, zedsComment, zed, null, now));
        story.add(yvonnesPost, new PostUnliked(yvonnesPost, zed));
        story.add(yvonnesPost, new CommentDeleted(yvonnesPost, zedsComment, zed));
        story.add(zedsPost, new PostDeleted(zedsPost, zed, now));
        story.add(zed + ":" + yvonne, new UserUnfollowed(zed + ":" + yvonne, zed, yvonne, now));
        story.add(yvonne + ":" + zed, new UserUnfollowed(yvonne + ":" + zed, yvonne, zed, now));
        story.add(xeno + ":" + yvonne, new FollowRequestWithdrawn(xeno + ":" + yvonne, xeno, yvonne, now));
        story.add(zed, new DeviceRemoved(zed, null));
        story.add(zed, new UserDeleted(zed, now));
        story.add(xeno, new UserDeleted(xeno, now));

        story.events().forEach(event -> readModel.forEach(handler -> handler.apply(event, generation)));
        Map<String, List<Document>> replayed = snapshot(generation);
        story.events().forEach(event -> readModel.forEach(handler -> handler.apply(event, generation)));
        story.add(yvonne + ":" + zed, new UserFollowed(yvonne + ":" + zed, yvonne, zed, now));
        story.add(yvonnesPost, new PostLiked(yvonnesPost, zed, now));
        List<StoredEvent> late =
                story.events().subList(story.events().size() - 2, story.events().size());
        late.forEach(event -> readModel.forEach(handler -> handler.apply(event, generation)));

        assertThat(snapshot(generation)).isEqualTo(replayed);
        assertThat(mentioning(replayed, zed, xeno))
                .isEqualTo(Map.of(
                        "users",
                        List.of(tombstone(zed, 4), tombstone(xeno, 1)).stream()
                                .sorted(Comparator.comparing(user -> user.getString("_id")))
                                .toList()));
        assertThat(replayed.get("posts")).contains(new Document("_id", zedsPost).append("deleted", true));
        assertThat(replayed.get("users"))
                .contains(
                        new Document("_id", yvonne).append("username", "yvonne").append("seq", 1L));
        assertThat(replayed.get("devices"))
                .containsExactly(new Document("_id", "yvonnes-phone")
                        .append("userId", yvonne)
                        .append("platform", "android"));
        assertThat(replayed.get("posts")).extracting(post -> post.get("_id")).contains(yvonnesPost);
        assertThat(replayed.get("follows")).isEmpty();
        assertThat(replayed.get("blocks")).isEmpty();
        generations.drop(generation);
    }

    /** The command side's deletion as push-dispatcher receives it: the ending events, then {@code UserDeleted}. */
    private void deleteAccount(
            String userId,
            String ownPost,
            String likedPost,
            String comment,
            List<String> tokens,
            String followed,
            String requested) {
        events.unliked(userId, likedPost);
        if (comment != null) {
            events.commentDeleted(userId, likedPost, comment);
        }
        events.postDeleted(userId, ownPost);
        events.unfollowed(userId, followed);
        events.unfollowed(followed, userId);
        if (requested != null) {
            events.followRequestWithdrawn(userId, requested);
        }
        tokens.forEach(token -> events.deviceRemoved(userId, token));
        events.userDeleted(userId);
    }

    private static WorkItem item(String actorId, String actorName, List<String> recipients) {
        String id = UUID.randomUUID().toString();
        return new WorkItem(
                id + "#0",
                new Notification(id, NotificationType.LIKE, "post-1", actorId, actorName, null, null, Instant.now()),
                recipients.stream()
                        .map(recipient -> new WorkItem.Recipient(
                                recipient,
                                "en",
                                true,
                                List.of(new WorkItem.Device("dead-letter-token-" + recipient, "ios"))))
                        .toList());
    }

    private List<JsonNode> itemsOf(String userId) {
        Response inbox = get(INBOX, tokenOf(userId));
        assertThat(inbox.status()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        inbox.body().get("items").forEach(items::add);
        return items;
    }

    /** Every document of this service's database that holds any of the texts, by collection. */
    private Map<String, List<Document>> remnantsOf(String... texts) {
        Map<String, List<Document>> found = new HashMap<>();
        for (String collection : mongo.getCollectionNames()) {
            List<Document> holding = mongo.findAll(Document.class, collection).stream()
                    .filter(document -> Arrays.stream(texts).anyMatch(document.toJson()::contains))
                    .sorted(Comparator.comparing(document -> String.valueOf(document.get("_id"))))
                    .toList();
            if (!holding.isEmpty()) {
                found.put(collection, holding);
            }
        }
        return found;
    }

    private Map<String, List<Document>> snapshot(int generation) {
        return ReadModelGenerations.COLLECTIONS.stream()
                .collect(Collectors.toMap(
                        base -> base,
                        base ->
                                mongo
                                        .findAll(Document.class, ReadModelGenerations.collection(base, generation))
                                        .stream()
                                        .sorted(Comparator.comparing(document -> String.valueOf(document.get("_id"))))
                                        .toList()));
    }

    private static Map<String, List<Document>> mentioning(Map<String, List<Document>> snapshot, String... texts) {
        Map<String, List<Document>> found = new HashMap<>();
        snapshot.forEach((collection, documents) -> {
            List<Document> holding = documents.stream()
                    .filter(document -> Arrays.stream(texts).anyMatch(document.toJson()::contains))
                    .toList();
            if (!holding.isEmpty()) {
                found.put(collection, holding);
            }
        });
        return found;
    }

    private static Document tombstone(String userId, long seq) {
        return new Document("_id", userId).append("seq", seq).append("deleted", true);
    }

    private static String settings(String muted) {
        return """
                {"newPost":true,"newFollower":true,"like":true,"comment":true,"mention":true,
                 "mutedAccounts":%s,"language":"en"}"""
                .formatted(muted);
    }

    /** Events numbered per aggregate, as the event store holds them. */
    private static final class History {

        private final Map<String, Long> next = new HashMap<>();
        private final List<StoredEvent> events = new ArrayList<>();

        void add(String aggregateId, Record event) {
            long seq = next.merge(aggregateId, 0L, (last, ignored) -> last + 1);
            events.add(new StoredEvent(UUID.randomUUID().toString(), aggregateId, seq, event));
        }

        List<StoredEvent> events() {
            return List.copyOf(events);
        }
    }
}
