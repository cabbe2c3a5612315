package dev.shutter.push.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;

import dev.shutter.devstack.infra.FakeFcm;
import dev.shutter.push.readmodel.ReadModelGenerations;
import dev.shutter.push.testing.PushDispatcherIntegrationTest;
import dev.shutter.push.testing.PushTestInfrastructure;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The operator's rebuild over HTTP: every event is stored in a test event store and published live, as the command
 * side does, so the read model built live can be compared with the one rebuilt from the store.
 */
class ReadModelRebuildIT extends PushDispatcherIntegrationTest {

    private static final PushTestInfrastructure INFRA =
            new PushTestInfrastructure("rebuild-" + UUID.randomUUID().toString().substring(0, 8));
    private static final FakeFcm FCM = FakeFcm.start();
    private static final List<String> SIDE_EFFECTS = List.of("inbox_groups", "inbox_actors", "notification_settings");
    private static final String REBUILD = "/api/admin/push/rebuild";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry, FCM);
        registry.add("shutter.push.rebuild.drop-delay", () -> "PT1S");
        registry.add("shutter.push.rebuild.batch-size", () -> "7");
    }

    /** Holds the rebuild at one of its reads of the event store, so a test can act while it runs. */
    @MockitoSpyBean
    private EventStore eventStore;

    private volatile LongPredicate holdAtPosition;
    private volatile CountDownLatch held;
    private volatile CountDownLatch release;

    @Override
    protected PushTestInfrastructure infra() {
        return INFRA;
    }

    @Override
    protected FakeFcm fcm() {
        return FCM;
    }

    @Override
    protected boolean storesEvents() {
        return true;
    }

    @BeforeEach
    void letTheRebuildRun() {
        holdAtPosition = null;
        doAnswer(read -> {
                    LongPredicate hold = holdAtPosition;
                    if (hold != null && hold.test(read.getArgument(0, Long.class))) {
                        holdAtPosition = null;
                        held.countDown();
                        release.await(60, TimeUnit.SECONDS);
                    }
                    return read.callRealMethod();
                })
                .when(eventStore)
                .after(anyLong(), anyInt());
    }

    @AfterEach
    void releaseAHeldRebuild() {
        if (release != null) {
            release.countDown();
        }
        await().atMost(DEADLINE).until(() -> "live".equals(status().get("state")));
    }

    @Test
    void aRebuildFromTheEventStoreEqualsTheLiveBuiltReadModelAndSendsNothing() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String carol = events.userRegistered("carol");
        String dave = events.userRegistered("dave");
        String bobsPhone = events.deviceRegistered(bob);
        String carolsTablet = events.deviceRegistered(carol);
        events.deviceRegistered(alice);
        events.followed(bob, alice);
        events.followed(carol, alice);
        events.unfollowed(carol, alice);
        events.deviceRemoved(carol, carolsTablet);
        events.usernameChanged(alice, "alice.new");
        events.followRequested(dave, bob);
        events.followRequested(carol, bob);
        events.followRequestDeclined(carol, bob);
        events.blocked(dave, alice);
        events.blocked(carol, bob);
        events.unblocked(carol, bob);
        String postId = UUID.randomUUID().toString();
        events.postPublished(alice, postId, "hello", "photo-1");
        events.liked(bob, postId);
        events.commented(bob, postId, "nice");
        String deleted = UUID.randomUUID().toString();
        events.postPublished(alice, deleted, "gone", "photo-2");
        events.postDeleted(alice, deleted);
        awaitEverythingPublishedSoFarIsHandled();
        int generation = generation();
        Map<String, List<Document>> liveBuilt = snapshot(generation);
        Map<String, List<Document>> sideEffects = sideEffects();
        int messagesBefore = FCM.messages().size();
        long requestsBefore = FCM.requests();
        corrupt(generation);

        Response started = post(REBUILD, adminToken());

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().get("rebuildGeneration").asInt()).isEqualTo(generation + 1);
        await().atMost(DEADLINE).until(() -> "live".equals(status().get("state")) && generation() == generation + 1);
        assertThat(FCM.requests()).isEqualTo(requestsBefore);
        assertThat(FCM.messages()).hasSize(messagesBefore);
        assertThat(snapshot(generation + 1)).isEqualTo(liveBuilt);
        assertThat(liveBuilt.get("devices")).extracting(d -> d.getString("_id")).contains(bobsPhone);
        assertThat(liveBuilt.get("users"))
                .filteredOn(user -> alice.equals(user.get("_id")))
                .extracting(user -> user.getString("username"))
                .containsExactly("alice.new");
        assertThat(liveBuilt.get("follows"))
                .filteredOn(f -> Boolean.TRUE.equals(f.get("requested")))
                .hasSize(1);
        assertThat(liveBuilt.get("blocks"))
                .filteredOn(b -> Boolean.TRUE.equals(b.get("active")))
                .hasSize(1);
        assertThat(sideEffects()).isEqualTo(sideEffects);
        Map<String, Object> status = status();
        assertThat(((Number) status.get("eventsApplied")).longValue()).isPositive();
        assertThat(((Number) status.get("behind")).longValue()).isZero();
        await().atMost(DEADLINE).until(() -> !mongo.collectionExists(collection("follows", generation)));
        // Notifications read the rebuilt generation: the new username, and only the marker's own push.
        awaitEverythingPublishedSoFarIsHandled();
        assertThat(FCM.messages()).hasSize(messagesBefore + 1);
        events.liked(bob, postId);
        String alicesNewPhone = events.deviceRegistered(alice);
        events.commented(bob, postId, "still nice");
        await().atMost(DEADLINE)
                .until(() -> !messagesTo(alicesNewPhone, "comment").isEmpty());
        assertThat(messagesTo(alicesNewPhone, "comment").get(0).notification())
                .containsEntry("body", "bob commented on your post: still nice");
    }

    /**
     * The command side ends what a deleted account did, sends {@code UserDeleted} and destroys the user's key: the
     * rebuild reads the user's history with every personal field erased, and ends where the live build ended, with
     * nothing of the user but the tombstone that keeps the User aggregate's sequence number.
     */
    @Test
    void aRebuildAfterAnAccountWasDeletedHoldsNothingOfItAndEqualsTheLiveBuiltReadModel() {
        String zoeName = "zoe-" + UUID.randomUUID().toString().substring(0, 8);
        String zoe = events.userRegistered(zoeName);
        String yan = events.userRegistered("yan");
        String xi = events.userRegistered("xi");
        String zoesPhone = events.deviceRegistered(zoe);
        events.deviceRegistered(yan);
        events.usernameChanged(zoe, zoeName + ".new");
        events.followed(zoe, yan);
        events.followed(yan, zoe);
        events.followRequested(zoe, xi);
        events.blocked(xi, zoe);
        events.blocked(zoe, yan);
        events.unblocked(zoe, yan);
        String zoesPost = UUID.randomUUID().toString();
        events.postPublished(zoe, zoesPost, "zoe's caption", "photo-z");
        String yansPost = UUID.randomUUID().toString();
        events.postPublished(yan, yansPost, "yan's caption", "photo-y");
        events.liked(zoe, yansPost);
        String zoesComment = events.comment(zoe, yansPost, "zoe was here");
        events.unliked(zoe, yansPost);
        events.commentDeleted(zoe, yansPost, zoesComment);
        events.postDeleted(zoe, zoesPost);
        events.unfollowed(zoe, yan);
        events.unfollowed(yan, zoe);
        events.followRequestWithdrawn(zoe, xi);
        events.deviceRemoved(zoe, zoesPhone);
        events.userDeleted(zoe);
        infra().eventStoreWriter().destroyKey(zoe);
        awaitEverythingPublishedSoFarIsHandled();
        int generation = generation();
        Map<String, List<Document>> liveBuilt = snapshot(generation);
        long requestsBefore = FCM.requests();

        assertThat(post(REBUILD, adminToken()).status()).isEqualTo(202);

        await().atMost(DEADLINE).until(() -> "live".equals(status().get("state")) && generation() == generation + 1);
        Map<String, List<Document>> rebuilt = snapshot(generation + 1);
        assertThat(infra().eventStoreWriter().payloadsOf(zoe)).noneMatch(payload -> payload.contains(zoeName));
        assertThat(rebuilt).isEqualTo(liveBuilt);
        assertThat(FCM.requests()).isEqualTo(requestsBefore);
        assertThat(mentioning(rebuilt, zoe, zoeName, zoesPhone))
                .isEqualTo(Map.of(
                        "users",
                        List.of(new Document("_id", zoe).append("seq", 4L).append("deleted", true))));
        assertThat(rebuilt.get("posts")).contains(new Document("_id", zoesPost).append("deleted", true));
        assertThat(rebuilt.get("posts"))
                .filteredOn(post -> yansPost.equals(post.get("_id")))
                .singleElement()
                .satisfies(post -> assertThat(post).containsEntry("authorId", yan));
        assertThat(rebuilt.get("devices"))
                .extracting(device -> device.get("userId"))
                .contains(yan);
    }

    @Test
    void aLiveEventDuringTheRebuildIsNotLostAndIsSentExactlyOnce() throws Exception {
        String erin = events.userRegistered("erin");
        String frank = events.userRegistered("frank");
        String erinsPhone = events.deviceRegistered(erin);
        String postId = UUID.randomUUID().toString();
        events.postPublished(erin, postId, "dusk", "photo-3");
        awaitEverythingPublishedSoFarIsHandled();
        int generation = generation();
        holdRebuildAt(position -> true);

        assertThat(post(REBUILD, adminToken()).status()).isEqualTo(202);
        assertThat(held.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(status()).containsEntry("state", "rebuilding");
        events.liked(frank, postId);
        String frankFollowsErin = frank + ":" + erin;
        events.followed(frank, erin);
        // Live notifications keep going out from the current read model while the rebuild runs.
        await().atMost(DEADLINE)
                .until(() -> !messagesTo(erinsPhone, "new_follower").isEmpty());
        assertThat(messagesTo(erinsPhone, "like")).hasSize(1);
        release.countDown();

        await().atMost(DEADLINE).until(() -> "live".equals(status().get("state")) && generation() == generation + 1);
        assertThat(mongo.findById(frankFollowsErin, Document.class, collection("follows", generation + 1)))
                .isNotNull()
                .containsEntry("active", true);
        awaitEverythingPublishedSoFarIsHandled();
        assertThat(messagesTo(erinsPhone, "like")).hasSize(1);
        assertThat(messagesTo(erinsPhone, "new_follower")).hasSize(1);
        assertThat(snapshot(generation + 1)).isEqualTo(snapshotOfTheStore(generation + 1));
    }

    @Test
    void anEventCommittedLateIntoAGapTheRebuildPassedIsNotLost() throws Exception {
        String gina = events.userRegistered("gina");
        String hal = events.userRegistered("hal");
        long gap = infra().eventStoreWriter().skipIndex();
        events.deviceRegistered(gina);
        awaitEverythingPublishedSoFarIsHandled();
        int generation = generation();
        holdRebuildAt(position -> position > gap);

        assertThat(post(REBUILD, adminToken()).status()).isEqualTo(202);
        assertThat(held.await(60, TimeUnit.SECONDS)).isTrue();
        events.nextAt(gap).followed(hal, gina);
        await().atMost(DEADLINE)
                .until(() -> mongo.exists(
                        Query.query(org.springframework.data.mongodb.core.query.Criteria.where("_id")
                                .is(hal + ":" + gina)),
                        collection("follows", generation)));
        release.countDown();

        await().atMost(DEADLINE).until(() -> "live".equals(status().get("state")) && generation() == generation + 1);
        assertThat(mongo.findById(hal + ":" + gina, Document.class, collection("follows", generation + 1)))
                .isNotNull()
                .containsEntry("active", true);
    }

    @Test
    void aSecondRebuildWhileOneRunsIsAConflictAndChangesNothing() throws Exception {
        events.userRegistered("ivy");
        awaitEverythingPublishedSoFarIsHandled();
        int generation = generation();
        holdRebuildAt(position -> true);
        assertThat(post(REBUILD, adminToken()).status()).isEqualTo(202);
        assertThat(held.await(60, TimeUnit.SECONDS)).isTrue();

        Response second = post(REBUILD, adminToken());

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.body().get("code").asText()).isEqualTo("REBUILD_IN_PROGRESS");
        assertThat(status()).containsEntry("rebuildGeneration", generation + 1);
        release.countDown();
        await().atMost(DEADLINE).until(() -> "live".equals(status().get("state")) && generation() == generation + 1);
    }

    @Test
    void onlyAnAdminMayRebuildOrAskHowFarItIs() {
        String user = UUID.randomUUID().toString();
        int generation = generation();

        Response notAdmin = post(REBUILD, tokenOf(user));
        Response anonymous = post(REBUILD, null);

        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.body().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(get(REBUILD, tokenOf(user)).status()).isEqualTo(403);
        assertThat(generation()).isEqualTo(generation);
        assertThat(status()).containsEntry("state", "live");
    }

    /** The rebuild stops before it reads the events after the first position that matches. */
    private void holdRebuildAt(LongPredicate position) {
        held = new CountDownLatch(1);
        release = new CountDownLatch(1);
        holdAtPosition = position;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status() {
        Response response = get(REBUILD, adminToken());
        assertThat(response.status()).isEqualTo(200);
        return objectMapper.convertValue(response.body(), Map.class);
    }

    private int generation() {
        return ((Number) status().get("generation")).intValue();
    }

    private static String collection(String baseName, int generation) {
        return ReadModelGenerations.collection(baseName, generation);
    }

    /** Wrong usernames, lost follows and blocks, a stray device: what a rebuild must repair. */
    private void corrupt(int generation) {
        mongo.updateMulti(new Query(), new Update().set("username", "wrong"), collection("users", generation));
        mongo.dropCollection(collection("follows", generation));
        mongo.remove(new Query(), collection("blocks", generation));
        mongo.insert(new Document("_id", "stray-token").append("userId", "nobody"), collection("devices", generation));
    }

    private Map<String, List<Document>> snapshot(int generation) {
        return ReadModelGenerations.COLLECTIONS.stream()
                .collect(Collectors.toMap(base -> base, base -> sorted(collection(base, generation))));
    }

    /** The generation as a second rebuild from the store makes it: rebuilding is repeatable. */
    private Map<String, List<Document>> snapshotOfTheStore(int generation) {
        assertThat(post(REBUILD, adminToken()).status()).isEqualTo(202);
        await().atMost(DEADLINE).until(() -> "live".equals(status().get("state")) && generation() == generation + 1);
        return snapshot(generation + 1);
    }

    /** The documents of the snapshot that hold any of the texts, by collection. */
    private static Map<String, List<Document>> mentioning(Map<String, List<Document>> snapshot, String... texts) {
        return snapshot.entrySet().stream()
                .filter(collection -> collection.getValue().stream().anyMatch(document -> holds(document, texts)))
                .collect(Collectors.toMap(Map.Entry::getKey, collection -> collection.getValue().stream()
                        .filter(document -> holds(document, texts))
                        .toList()));
    }

    private static boolean holds(Document document, String... texts) {
        String json = document.toJson();
        return Arrays.stream(texts).anyMatch(json::contains);
    }

    private Map<String, List<Document>> sideEffects() {
        return SIDE_EFFECTS.stream().collect(Collectors.toMap(name -> name, this::sorted));
    }

    private List<Document> sorted(String collection) {
        return mongo.findAll(Document.class, collection).stream()
                .sorted(Comparator.comparing(document -> String.valueOf(document.get("_id"))))
                .toList();
    }
}
