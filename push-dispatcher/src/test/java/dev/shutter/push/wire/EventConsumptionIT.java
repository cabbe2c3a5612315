package dev.shutter.push.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.devstack.infra.FakeFcm;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.post.PostPublished;
import dev.shutter.push.testing.PushDispatcherIntegrationTest;
import dev.shutter.push.testing.PushTestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Events push-dispatcher cannot handle: retried in place a bounded number of times with a growing pause, then parked
 * as dead letters with the later events of their aggregate behind them, while other aggregates flow; listed, retried
 * in order and dropped by an admin through {@code /api/admin/consumers/push-dispatcher}; forgotten with a deleted
 * account. A spy handler, first of the read-model handlers, counts every attempt at an event and fails those of the
 * aggregates a test chooses.
 */
@Import(EventConsumptionIT.SpyConfig.class)
class EventConsumptionIT extends PushDispatcherIntegrationTest {

    private static final PushTestInfrastructure INFRA = new PushTestInfrastructure(
            "consumption-" + UUID.randomUUID().toString().substring(0, 8));
    private static final FakeFcm FCM = FakeFcm.start();
    private static final String CONSUMERS = "/api/admin/consumers";
    private static final String DEAD_LETTERS = CONSUMERS + "/push-dispatcher/dead-letters";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry, FCM);
    }

    @Autowired
    private HandlerSpy spy;

    @Override
    protected PushTestInfrastructure infra() {
        return INFRA;
    }

    @Override
    protected FakeFcm fcm() {
        return FCM;
    }

    @BeforeEach
    void noDeadLettersAndNoTraps() {
        mongo.remove(new Query(), "consumer_dead_letters");
        spy.failing.clear();
    }

    @Test
    void aPostPublishedOfNullsIsTriedFiveTimesWithGrowingPausesThenParkedWhileOthersFlow() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(bob, alice);
        String brokenPost = UUID.randomUUID().toString();
        String goodPost = UUID.randomUUID().toString();

        String poison = eventId(events.publishNulls(PostPublished.class, brokenPost));
        events.postPublished(alice, goodPost);
        String waiting = eventId(events.liked(bob, brokenPost));

        await().atMost(DEADLINE).until(() -> messagesTo(bobsPhone, "new_post").size() == 1);
        awaitEverythingPublishedSoFarIsHandled();
        assertThat(messagesTo(bobsPhone, "new_post").get(0).data()).containsEntry("postId", goodPost);
        // It stays at five: no further delivery, no loop.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> spy.attempts(poison) == 5);
        List<Long> pauses = spy.pausesMillis(poison);
        for (int i = 0; i < pauses.size(); i++) {
            assertThat(pauses.get(i)).as("pause after attempt %d", i + 1).isGreaterThanOrEqualTo((200L << i) - 5);
        }
        assertThat(spy.attempts(waiting)).isZero();
        assertThat(mongo.findById(brokenPost, Document.class, "posts")).isNull();

        JsonNode page = get(DEAD_LETTERS, adminToken()).body();
        assertThat(page.get("total").asInt()).isEqualTo(2);
        JsonNode parked = page.get("deadLetters").get(0);
        assertThat(parked.get("eventId").asText()).isEqualTo(poison);
        assertThat(parked.get("aggregateId").asText()).isEqualTo(brokenPost);
        assertThat(parked.get("eventType").asText()).isEqualTo(PostPublished.class.getName());
        assertThat(parked.get("attempts").asInt()).isEqualTo(5);
        assertThat(parked.get("reason").asText()).startsWith("NullPointerException");
        JsonNode behind = page.get("deadLetters").get(1);
        assertThat(behind.get("eventId").asText()).isEqualTo(waiting);
        assertThat(behind.get("aggregateId").asText()).isEqualTo(brokenPost);
        assertThat(behind.get("aggregateSequence").asLong()).isEqualTo(1);
        assertThat(behind.get("attempts").asInt()).isZero();
        assertThat(behind.get("reason").asText()).contains("waiting behind an earlier dead letter");
    }

    @Test
    void anAdminRetriesAParkedAggregateInOrderAndItsPushesGoOutOnce() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String alicesPhone = events.deviceRegistered(alice);
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(bob, alice);
        String post = UUID.randomUUID().toString();
        spy.failing.add(post);

        Message published = events.postPublished(alice, post);
        events.liked(bob, post);
        events.commented(bob, post, "what light");
        awaitEverythingPublishedSoFarIsHandled();

        JsonNode letters = get(DEAD_LETTERS, adminToken()).body().get("deadLetters");
        assertThat(letters)
                .extracting(letter -> letter.get("aggregateId").asText() + "#" + letter.get("aggregateSequence"))
                .containsExactly(post + "#0", post + "#1", post + "#2");
        assertThat(messagesTo(bobsPhone)).isEmpty();
        assertThat(messagesTo(alicesPhone))
                .extracting(message -> message.data().get("type"))
                .containsExactly("new_follower");
        String second = letters.get(1).get("id").asText();
        Response notFirst = post(DEAD_LETTERS + "/" + second + "/retry", adminToken());
        assertThat(notFirst.status()).isEqualTo(409);
        assertThat(notFirst.body().get("code").asText()).isEqualTo("DEAD_LETTER_NOT_FIRST");

        spy.failing.remove(post);
        Response retried = post(DEAD_LETTERS + "/aggregates/" + post + "/retry", adminToken());

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("applied").asInt()).isEqualTo(3);
        assertThat(retried.body().get("remaining").asInt()).isZero();
        assertThat(retried.body().get("failure").isNull()).isTrue();
        // The like and the comment reach alice only because the post was applied before them.
        await().atMost(DEADLINE)
                .until(() -> messagesTo(alicesPhone, "like").size() == 1
                        && messagesTo(alicesPhone, "comment").size() == 1
                        && messagesTo(bobsPhone, "new_post").size() == 1);
        assertThat(get(DEAD_LETTERS, adminToken()).body().get("total").asInt()).isZero();
        assertThat(post(DEAD_LETTERS + "/aggregates/" + post + "/retry", adminToken())
                        .status())
                .isEqualTo(404);

        events.redeliver(published);
        awaitEverythingPublishedSoFarIsHandled();
        assertThat(messagesTo(bobsPhone, "new_post")).hasSize(1);
        assertThat(messagesTo(alicesPhone, "like")).hasSize(1);
        assertThat(messagesTo(alicesPhone, "comment")).hasSize(1);
    }

    @Test
    void anAdminDropsADeadLetterAndTheAggregateFlowsAgain() {
        String alice = events.userRegistered("alice");
        String bob = events.userRegistered("bob");
        String bobsPhone = events.deviceRegistered(bob);
        events.followed(bob, alice);
        String post = UUID.randomUUID().toString();
        spy.failing.add(post);
        events.postPublished(alice, post);
        awaitEverythingPublishedSoFarIsHandled();
        JsonNode letter =
                get(DEAD_LETTERS, adminToken()).body().get("deadLetters").get(0);
        assertThat(letter.get("aggregateId").asText()).isEqualTo(post);
        assertThat(get(CONSUMERS, adminToken()).body()).singleElement().satisfies(consumer -> {
            assertThat(consumer.get("name").asText()).isEqualTo("push-dispatcher");
            assertThat(consumer.get("deadLetters").asInt()).isEqualTo(1);
        });

        assertThat(delete(DEAD_LETTERS + "/" + letter.get("id").asText(), adminToken())
                        .status())
                .isEqualTo(204);

        assertThat(get(DEAD_LETTERS, adminToken()).body().get("total").asInt()).isZero();
        assertThat(delete(DEAD_LETTERS + "/" + letter.get("id").asText(), adminToken())
                        .body()
                        .get("code")
                        .asText())
                .isEqualTo("DEAD_LETTER_NOT_FOUND");
        spy.failing.remove(post);
        String liked = eventId(events.liked(bob, post));
        awaitEverythingPublishedSoFarIsHandled();
        assertThat(spy.attempts(liked)).isEqualTo(1);
        assertThat(get(DEAD_LETTERS, adminToken()).body().get("total").asInt()).isZero();
        assertThat(messagesTo(bobsPhone, "new_post")).isEmpty();
    }

    @Test
    void aDeletedAccountTakesTheDeadLettersNamingItAlong() {
        String carol = events.userRegistered("carol");
        String dave = events.userRegistered("dave");
        String carolsPost = UUID.randomUUID().toString();
        String davesPost = UUID.randomUUID().toString();
        spy.failing.addAll(List.of(carolsPost, davesPost));
        events.postPublished(carol, carolsPost);
        events.postPublished(dave, davesPost);
        awaitEverythingPublishedSoFarIsHandled();
        assertThat(aggregatesParked()).containsExactly(carolsPost, davesPost);

        events.userDeleted(carol);
        awaitEverythingPublishedSoFarIsHandled();

        assertThat(aggregatesParked()).containsExactly(davesPost);
        assertThat(mongo.findAll(Document.class, "consumer_dead_letters"))
                .noneMatch(letter -> letter.toJson().contains(carol));
    }

    @Test
    void theDeadLettersAreForAdminsOnly() {
        Response anonymous = get(CONSUMERS, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).isEqualTo("application/problem+json");
        assertThat(get(DEAD_LETTERS, null).status()).isEqualTo(401);

        String bob = events.userRegistered("bob");
        assertThat(get(CONSUMERS, tokenOf(bob)).status()).isEqualTo(403);
        assertThat(get(DEAD_LETTERS, tokenOf(bob)).status()).isEqualTo(403);
        assertThat(post(DEAD_LETTERS + "/aggregates/anything/retry", tokenOf(bob))
                        .status())
                .isEqualTo(403);
        assertThat(delete(DEAD_LETTERS + "/anything", tokenOf(bob)).status()).isEqualTo(403);

        assertThat(get(CONSUMERS, adminToken()).status()).isEqualTo(200);
    }

    private List<String> aggregatesParked() {
        List<String> aggregates = new ArrayList<>();
        get(DEAD_LETTERS, adminToken())
                .body()
                .get("deadLetters")
                .forEach(letter -> aggregates.add(letter.get("aggregateId").asText()));
        return aggregates;
    }

    private static String eventId(Message message) {
        return message.getMessageProperties().getHeader(WireHeaders.MESSAGE_ID);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class SpyConfig {

        @Bean
        HandlerSpy handlerSpy() {
            return new HandlerSpy();
        }
    }

    /** The first read-model handler: notes when each event was tried, and fails the events of chosen aggregates. */
    static final class HandlerSpy implements ReadModelHandler, Ordered {

        final Set<String> failing = ConcurrentHashMap.newKeySet();
        private final Map<String, List<Long>> triedAt = new ConcurrentHashMap<>();

        @Override
        public void apply(StoredEvent event, int generation) {
            triedAt.computeIfAbsent(event.eventId(), id -> new CopyOnWriteArrayList<>())
                    .add(System.nanoTime());
            if (failing.contains(event.aggregateId())) {
                throw new IllegalStateException("the test fails events of " + event.aggregateId());
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        int attempts(String eventId) {
            return triedAt.getOrDefault(eventId, List.of()).size();
        }

        List<Long> pausesMillis(String eventId) {
            List<Long> times = triedAt.getOrDefault(eventId, List.of());
            List<Long> pauses = new ArrayList<>();
            for (int i = 1; i < times.size(); i++) {
                pauses.add(Duration.ofNanos(times.get(i) - times.get(i - 1)).toMillis());
            }
            return pauses;
        }
    }
}
