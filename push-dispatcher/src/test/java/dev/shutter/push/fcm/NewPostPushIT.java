package dev.shutter.push.fcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.devstack.infra.FakeFcm;
import dev.shutter.devstack.infra.FcmMessage;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.post.PostPublished;
import dev.shutter.push.testing.PushTestInfrastructure;
import dev.shutter.push.testing.WireEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        properties = "spring.config.name=push-dispatcher",
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RecordingFcmGateway.Config.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NewPostPushIT {

    private static final PushTestInfrastructure INFRA =
            new PushTestInfrastructure(UUID.randomUUID().toString().substring(0, 8));
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final FakeFcm fcm = FakeFcm.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry, fcm);
    }

    @AfterAll
    static void stopFcmAndRemoveBrokerObjects() {
        fcm.close();
        INFRA.removeBrokerObjects(List.of());
    }

    @Autowired
    private RabbitTemplate rabbit;

    @Autowired
    private ObjectMapper objectMapper;

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private RecordingFcmGateway gateway;

    @LocalServerPort
    private int port;

    private WireEvents events;

    @BeforeEach
    void setUp() {
        fcm.reset();
        events = new WireEvents(INFRA.publisher(), objectMapper, INFRA.exchange);
    }

    @Test
    void notifiesTheFollowerOnceWithThePostAndItsAuthor() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(bob, alice);
        String postId = UUID.randomUUID().toString();

        events.postPublished(alice, postId);

        await().atMost(DEADLINE).until(() -> !messagesTo(bobsPhone).isEmpty());
        awaitEverythingPublishedSoFarIsHandled();
        assertThat(messagesTo(bobsPhone)).singleElement().satisfies(message -> {
            assertThat(message.notification())
                    .containsEntry("title", "New post")
                    .containsEntry("body", "alice shared a photo: golden hour")
                    .containsEntry("image", "https://shutter.test/api/media/media-" + postId + "/small");
            assertThat(message.collapseKey()).isEqualTo("post:" + postId);
            assertThat(message.apnsCollapseId()).isEqualTo("post:" + postId);
            assertThat(message.data()).isEqualTo(Map.of("type", "new_post", "postId", postId, "actorId", alice));
        });
    }

    @Test
    void sendsNothingAgainWhenThePostIsDeliveredTwice() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(bob, alice);

        Message post = events.postPublished(alice, UUID.randomUUID().toString());
        await().atMost(DEADLINE).until(() -> !messagesTo(bobsPhone).isEmpty());
        events.redeliver(post);
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(messagesTo(bobsPhone)).hasSize(1);
    }

    @Test
    void neverNotifiesTheAuthorAboutTheirOwnPost() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String alicesPhone = events.deviceRegistered(alice);
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(bob, alice);
        events.followed(alice, bob);

        events.postPublished(alice, UUID.randomUUID().toString());
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(newPostsTo(bobsPhone)).hasSize(1);
        assertThat(newPostsTo(alicesPhone)).isEmpty();
    }

    @Test
    void forgetsADeviceThatFcmNoLongerKnows() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String bobsOldPhone = events.deviceRegistered(bob);
        String bobsNewPhone = events.deviceRegistered(bob);
        events.followed(bob, alice);
        fcm.unregistered(bobsOldPhone);

        events.postPublished(alice, UUID.randomUUID().toString());

        await().atMost(DEADLINE).until(() -> !deviceExists(bobsOldPhone));
        await().atMost(DEADLINE).until(() -> messagesTo(bobsNewPhone).size() == 1);
        assertThat(deviceExists(bobsNewPhone)).isTrue();
    }

    @Test
    void deliversOnceFcmRecoversFromAnOutageHonouringRetryAfter() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(bob, alice);
        awaitEverythingPublishedSoFarIsHandled();
        fcm.failNext(2, 503, Duration.ofSeconds(1));
        Instant published = Instant.now();

        events.postPublished(alice, UUID.randomUUID().toString());

        await().atMost(DEADLINE).until(() -> !messagesTo(bobsPhone).isEmpty());
        awaitEverythingPublishedSoFarIsHandled();
        assertThat(messagesTo(bobsPhone)).singleElement().satisfies(message -> assertThat(
                        Duration.between(published, message.receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void retriesABatchThatFcmThrottledWithBackoff() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(bob, alice);
        awaitEverythingPublishedSoFarIsHandled();
        fcm.failNext(2, 429, Duration.ofSeconds(1));

        events.postPublished(alice, UUID.randomUUID().toString());

        await().atMost(DEADLINE).until(() -> !messagesTo(bobsPhone).isEmpty());
        awaitEverythingPublishedSoFarIsHandled();
        assertThat(messagesTo(bobsPhone)).hasSize(1);
        assertThat(gateway.batchSizesWithAnyOf(List.of(bobsPhone))).containsExactly(1, 1, 1);
    }

    @Test
    void retriesOnlyTheMessagesThatFailed() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String bobsPhone = events.deviceRegistered(bob);
        String bobsTablet = events.deviceRegistered(bob);
        events.followed(bob, alice);
        awaitEverythingPublishedSoFarIsHandled();
        fcm.failNext(1, 500, null);

        events.postPublished(alice, UUID.randomUUID().toString());
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(messagesTo(bobsPhone)).hasSize(1);
        assertThat(messagesTo(bobsTablet)).hasSize(1);
        assertThat(gateway.batchSizesWithAnyOf(List.of(bobsPhone, bobsTablet))).containsExactly(2, 1);
    }

    @Test
    void givesUpAfterTheLastRetryAndSendsOnceWhenTheEventComesBack() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(bob, alice);
        awaitEverythingPublishedSoFarIsHandled();
        fcm.failNext(4, 500, null);

        Message post = events.postPublished(alice, UUID.randomUUID().toString());
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(messagesTo(bobsPhone)).isEmpty();
        assertThat(gateway.batchSizesWithAnyOf(List.of(bobsPhone))).containsExactly(1, 1, 1, 1);

        // What moving the message back from the dead-letter queue does, done twice.
        events.redeliver(post);
        events.redeliver(post);
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(messagesTo(bobsPhone)).hasSize(1);
    }

    @Test
    void sendsAtMostFiveHundredMessagesPerBatch() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        List<String> bobsDevices = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            bobsDevices.add(events.deviceRegistered(bob));
        }
        events.followed(bob, alice);

        events.postPublished(alice, UUID.randomUUID().toString());

        await().atMost(Duration.ofSeconds(90))
                .until(() -> messagesTo(bobsDevices).size() >= 501);
        awaitEverythingPublishedSoFarIsHandled();
        List<FcmMessage> received = messagesTo(bobsDevices);
        assertThat(received).hasSize(501);
        assertThat(received.stream().map(FcmMessage::token).distinct()).hasSize(501);
        assertThat(gateway.batchSizesWithAnyOf(bobsDevices)).containsExactlyInAnyOrder(500, 1);
    }

    @Test
    void formerFollowersAndRemovedDevicesGetNothing() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String carol = events.userRegistered("carol");
        String bobsPhone = events.deviceRegistered(bob);
        String carolsPhone = events.deviceRegistered(carol);
        Message bobFollowsAlice = events.followed(bob, alice);
        events.unfollowed(bob, alice);
        events.redeliver(bobFollowsAlice);
        events.followed(carol, alice);
        events.deviceRemoved(carol, carolsPhone);

        events.postPublished(alice, UUID.randomUUID().toString());
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(messagesTo(bobsPhone)).isEmpty();
        assertThat(messagesTo(carolsPhone)).isEmpty();
    }

    @Test
    void aTokenRegisteredByAnotherUserMovesToThem() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String carol = events.userRegistered("carol");
        String sharedTablet = events.deviceRegistered(bob);
        events.deviceRegistered(carol, sharedTablet);
        events.deviceRemoved(bob, sharedTablet);
        events.followed(bob, alice);
        awaitEverythingPublishedSoFarIsHandled();

        events.postPublished(alice, UUID.randomUUID().toString());
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(messagesTo(sharedTablet)).isEmpty();
        Document tablet = mongo.findById(sharedTablet, Document.class, "devices");
        assertThat(tablet).isNotNull();
        assertThat(tablet.getString("userId")).isEqualTo(carol);
    }

    @Test
    void setsAsideAMessageThatIsNotAShutterEventAndCarriesOn() {
        events.publishRaw(PostPublished.class.getName(), "{ this is not json");

        awaitEverythingPublishedSoFarIsHandled();

        assertThat(mongo.find(
                        Query.query(Criteria.where("consumer").is("push-dispatcher")),
                        Document.class,
                        "consumer_dead_letters"))
                .singleElement()
                .satisfies(letter -> {
                    assertThat(letter.getString("reason")).startsWith("not a Shutter event: unreadable body");
                    assertThat(letter.getString("body")).isEqualTo("{ this is not json");
                });
    }

    @Test
    void healthIsOpenButEverythingElseNeedsAToken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> health = http.send(get("/actuator/health", null), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anonymous = http.send(get("/api/anything", null), HttpResponse.BodyHandlers.ofString());
        String token = TestInfrastructure.jwtKeys().token("u1", "alice", Set.of("user"), Duration.ofMinutes(5));
        HttpResponse<String> signedIn = http.send(get("/api/anything", token), HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(objectMapper.readTree(anonymous.body()).path("code").asText())
                .isEqualTo("UNAUTHORIZED");
        assertThat(signedIn.statusCode()).isEqualTo(404);
        assertThat(objectMapper.readTree(signedIn.body()).path("code").asText()).isEqualTo("NOT_FOUND");
    }

    /**
     * The queue has one consumer and keeps order, so once a post published now has been pushed,
     * everything published before it has been handled too.
     */
    private void awaitEverythingPublishedSoFarIsHandled() {
        String author = events.userRegistered("marker-author");
        String follower = events.userRegistered("marker-follower");
        String phone = events.deviceRegistered(follower);
        events.followed(follower, author);
        events.postPublished(author, UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> !messagesTo(phone).isEmpty());
    }

    private List<FcmMessage> newPostsTo(String token) {
        return messagesTo(token).stream()
                .filter(message -> "new_post".equals(message.data().get("type")))
                .toList();
    }

    private List<FcmMessage> messagesTo(String token) {
        return messagesTo(List.of(token));
    }

    private List<FcmMessage> messagesTo(List<String> tokens) {
        Set<String> wanted = Set.copyOf(tokens);
        return fcm.messages().stream()
                .filter(message -> wanted.contains(message.token()))
                .toList();
    }

    private boolean deviceExists(String token) {
        return mongo.exists(Query.query(Criteria.where("_id").is(token)), "devices");
    }

    private HttpRequest get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.GET().build();
    }
}
