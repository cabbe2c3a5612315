package dev.shutter.push.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.devstack.infra.FakeFcm;
import dev.shutter.devstack.infra.FcmMessage;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.push.DeviceTokenRejected;
import dev.shutter.push.fcm.SendRateLimiter;
import dev.shutter.push.testing.PushDispatcherIntegrationTest;
import dev.shutter.push.testing.PushTestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class FcmFailuresIT extends PushDispatcherIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(FcmFailuresIT.class);
    private static final PushTestInfrastructure INFRA = new PushTestInfrastructure(
            "failures-" + UUID.randomUUID().toString().substring(0, 8));
    private static final String REJECTIONS = "test.push-rejections." + INFRA.database;
    private static final FakeFcm FCM = FakeFcm.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry, FCM);
        // Enough attempts to ride out a storm in which FCM takes 200 messages a second.
        registry.add("shutter.push.retry.max-attempts", () -> "5");
        registry.add("shutter.push.send.max-per-minute", () -> "120000");
    }

    @Autowired
    private AmqpAdmin admin;

    @Autowired
    private SendRateLimiter rateLimiter;

    @Override
    protected PushTestInfrastructure infra() {
        return INFRA;
    }

    @Override
    protected FakeFcm fcm() {
        return FCM;
    }

    @Override
    protected List<String> extraQueues() {
        return List.of(REJECTIONS);
    }

    /** Stands in for the command side: hears every DeviceTokenRejected push-dispatcher publishes. */
    @BeforeAll
    void listenForRejectedTokens() {
        Queue queue = new Queue(REJECTIONS, false, false, false);
        admin.declareQueue(queue);
        admin.declareBinding(
                BindingBuilder.bind(queue).to(new TopicExchange(INFRA.exchange)).with(AmqpTopology.PUSH_EVENTS));
    }

    @Test
    void forgetsAnUnregisteredTokenAndTellsTheCommandSide() throws Exception {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String bobsOldPhone = events.deviceRegistered(bob);
        String bobsNewPhone = events.deviceRegistered(bob);
        events.followed(bob, alice);
        FCM.unregistered(bobsOldPhone);

        events.postPublished(alice, UUID.randomUUID().toString());

        await().atMost(DEADLINE).until(() -> !deviceExists(bobsOldPhone));
        await().atMost(DEADLINE)
                .until(() -> messagesTo(bobsNewPhone, "new_post").size() == 1);
        assertThat(deviceExists(bobsNewPhone)).isTrue();
        DeviceTokenRejected rejected = awaitRejection(bobsOldPhone);
        assertThat(rejected.userId()).isEqualTo(bob);
        assertThat(rejected.reason()).isEqualTo("UNREGISTERED");
    }

    @Test
    void forgetsATokenFcmCallsInvalid() throws Exception {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(bob, alice);
        FCM.invalidToken(bobsPhone);

        events.postPublished(alice, UUID.randomUUID().toString());

        await().atMost(DEADLINE).until(() -> !deviceExists(bobsPhone));
        assertThat(awaitRejection(bobsPhone).reason()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void slowsDownWhenFcmThrottlesAndStillSendsEveryMessageOnce() {
        String alice = events.userRegistered("alice");
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String follower = events.userRegistered("f" + i);
            phones.add(events.deviceRegistered(follower));
            events.followed(follower, alice);
        }
        awaitEverythingPublishedSoFarIsHandled();

        Instant calmStart = Instant.now();
        events.postPublished(alice, "calm-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(60)).until(() -> countType(phones, "new_post") >= 500);
        double calmRate = rate(phones, calmStart);
        long rateBefore = rateLimiter.perMinute();

        FCM.quota(200, Duration.ofSeconds(1));
        Instant stormStart = Instant.now();
        events.postPublished(alice, "storm-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(90)).until(() -> countType(phones, "new_post") >= 1000);
        double stormRate = rate(phones, stormStart);
        long rateAfter = rateLimiter.perMinute();
        awaitEverythingPublishedSoFarIsHandled();

        log.info(
                "429 storm: {} msg/s before, {} msg/s during (FCM quota 200/s, {} requests throttled); "
                        + "sender ceiling {} msg/min before, lowered to {} msg/min; per second during the storm: {}",
                Math.round(calmRate),
                Math.round(stormRate),
                FCM.throttled(),
                rateBefore,
                rateAfter,
                perSecond(phones, stormStart));
        assertThat(FCM.throttled()).isPositive();
        assertThat(rateAfter).isLessThan(rateBefore);
        Map<String, Long> perPhone = messagesTo(phones).stream()
                .filter(message -> "new_post".equals(message.data().get("type")))
                .collect(Collectors.groupingBy(FcmMessage::token, Collectors.counting()));
        assertThat(perPhone).hasSize(500).allSatisfy((phone, count) -> assertThat(count)
                .as("pushes to %s", phone)
                .isEqualTo(2));
    }

    @Test
    void setsAsideWhatStillFailsAfterTheLastRetryAndAnOperatorReplaysItOnce() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(bob, alice);
        awaitEverythingPublishedSoFarIsHandled();
        FCM.failNext(5, 500, null);
        String postId = UUID.randomUUID().toString();

        events.postPublished(alice, postId);
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(messagesTo(bobsPhone)).isEmpty();
        assertThat(get("/api/admin/push/dead-letters", tokenOf(bob)).status()).isEqualTo(403);
        Response listed = get("/api/admin/push/dead-letters", adminToken());
        assertThat(listed.status()).isEqualTo(200);
        JsonNode letter = single(listed.body().get("items"), postId);
        assertThat(letter.get("type").asText()).isEqualTo("new_post");
        assertThat(letter.get("pushes").asInt()).isEqualTo(1);
        assertThat(letter.get("reason").asText()).contains("500");

        Response replayed =
                post("/api/admin/push/dead-letters/" + letter.get("id").asText() + "/replay", adminToken());
        assertThat(replayed.status()).isEqualTo(202);
        await().atMost(DEADLINE).until(() -> messagesTo(bobsPhone).size() == 1);
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(messagesTo(bobsPhone)).hasSize(1);
        assertThat(get("/api/admin/push/dead-letters", adminToken()).body().get("items"))
                .noneSatisfy(item -> assertThat(item.get("postId").asText()).isEqualTo(postId));
        Response again = post("/api/admin/push/dead-letters/" + letter.get("id").asText() + "/replay", adminToken());
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body().get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void waitsForRetryAfterWhenFcmIsUnavailable() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(bob, alice);
        awaitEverythingPublishedSoFarIsHandled();
        // firebase-admin retries a 503 itself, honouring Retry-After, before this service sees it
        FCM.failNext(6, 503, Duration.ofSeconds(1));
        Instant published = Instant.now();

        events.postPublished(alice, UUID.randomUUID().toString());

        await().atMost(DEADLINE).until(() -> !messagesTo(bobsPhone).isEmpty());
        awaitEverythingPublishedSoFarIsHandled();
        assertThat(messagesTo(bobsPhone)).singleElement().satisfies(message -> assertThat(
                        Duration.between(published, message.receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(6)));
    }

    private JsonNode single(JsonNode items, String postId) {
        List<JsonNode> matching = new ArrayList<>();
        items.forEach(item -> {
            if (postId.equals(item.get("postId").asText())) {
                matching.add(item);
            }
        });
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    private DeviceTokenRejected awaitRejection(String token) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            Message message = rabbit.receive(REJECTIONS, 500);
            if (message == null) {
                continue;
            }
            assertThat(message.getMessageProperties().getHeaders().get(WireHeaders.MESSAGE_TYPE))
                    .isEqualTo(DeviceTokenRejected.class.getName());
            DeviceTokenRejected rejected = objectMapper.readValue(message.getBody(), DeviceTokenRejected.class);
            if (rejected.token().equals(token)) {
                return rejected;
            }
        }
        throw new AssertionError("No DeviceTokenRejected for " + token);
    }

    private long countType(List<String> phones, String type) {
        return messagesTo(phones).stream()
                .filter(message -> type.equals(message.data().get("type")))
                .count();
    }

    /** Messages per second from {@code since} to the last message received. */
    private double rate(List<String> phones, Instant since) {
        List<Instant> times = messagesTo(phones).stream()
                .map(FcmMessage::receivedAt)
                .filter(at -> at.isAfter(since))
                .sorted()
                .toList();
        double seconds = Duration.between(since, times.get(times.size() - 1)).toMillis() / 1000.0;
        return times.size() / Math.max(seconds, 0.001);
    }

    private Map<Long, Long> perSecond(List<String> phones, Instant since) {
        return messagesTo(phones).stream()
                .map(FcmMessage::receivedAt)
                .filter(at -> at.isAfter(since))
                .collect(Collectors.groupingBy(
                        at -> Duration.between(since, at).toSeconds(), TreeMap::new, Collectors.counting()));
    }

    private boolean deviceExists(String token) {
        return mongo.exists(Query.query(Criteria.where("_id").is(token)), "devices");
    }
}
