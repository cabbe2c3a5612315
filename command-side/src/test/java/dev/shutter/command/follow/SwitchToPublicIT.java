package dev.shutter.command.follow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.command.CommandSideIntegrationTest;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.follow.FollowRequested;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.ProfileUpdated;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An account with 20,000 pending follow requests switches to public while other users keep writing: every event the
 * store holds from then on, each approval and each of the other writes, reaches a queue bound to the events exchange.
 * With all approvals in one transaction the relay's gap-aware token gives up on the approvals' positions once more
 * than its max gap offset of later events are stored, and the test misses them.
 */
class SwitchToPublicIT extends CommandSideIntegrationTest {

    private static final int PENDING = 20_000;
    private static final int SEED_CHUNK = 1_000;
    private static final int WRITERS = 3;
    private static final String RELAY = "amqp-relay";

    @Autowired
    TransactionTemplate transaction;

    @Test
    void everyApprovalAndEveryConcurrentWriteReachesTheBrokerWhenTwentyThousandRequestsAreApproved() throws Exception {
        Member owner = member("owner");
        assertNoContent(call(HttpMethod.PUT, "/api/users/me/privacy", owner.token, Map.of("private", true)));
        Member eager = member("eager");
        assertNoContent(follow(eager, owner));
        List<Member> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            writers.add(member("writer"));
        }
        String queue = bindTestQueue();
        Set<String> relayed = ConcurrentHashMap.newKeySet();
        SimpleMessageListenerContainer listener = listen(queue, relayed);
        long seeded = lastGlobalIndex();
        long seedStart = System.nanoTime();
        List<String> requesters = seedPendingRequests(owner.id, typeOfFollow(Follow.idOf(eager.id, owner.id)));
        requesters.add(eager.id);
        System.out.printf("Seeded %,d pending requests in %d ms%n", PENDING, elapsedMillis(seedStart));

        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        try {
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                Member writer = writers.get(i);
                Member partner = writers.get((i + 1) % WRITERS);
                writes.add(pool.submit(() -> keepWriting(writer, partner, stop)));
            }
            Thread.sleep(500);
            long switchStart = System.nanoTime();
            ResponseEntity<JsonNode> switched =
                    call(HttpMethod.PUT, "/api/users/me/privacy", owner.token, Map.of("private", false));
            long answerMillis = elapsedMillis(switchStart);
            long pendingAfterAnswer = pendingRequestsTo(owner.id);
            assertNoContent(switched);
            Future<ResponseEntity<JsonNode>> eagerAgain = pool.submit(() -> follow(eager, owner));

            awaitTrue(Duration.ofSeconds(300), () -> pendingRequestsTo(owner.id) == 0, "every request is approved");
            long approvalMillis = elapsedMillis(switchStart);
            Thread.sleep(500);
            stop.set(true);
            int writeRounds = 0;
            for (Future<Integer> write : writes) {
                writeRounds += write.get(60, TimeUnit.SECONDS);
            }
            assertNoContent(eagerAgain.get(30, TimeUnit.SECONDS));
            System.out.printf(
                    "Switch answered in %d ms (%,d requests left); %,d requests approved in %d ms; %d write rounds%n",
                    answerMillis, pendingAfterAnswer, requesters.size(), approvalMillis, writeRounds);

            long last = lastGlobalIndex();
            awaitTrue(Duration.ofSeconds(300), () -> relayPosition() >= last, "the relay reaches the last event");
            Map<String, String> stored = eventsAfter(seeded);
            awaitTrue(Duration.ofSeconds(30), () -> relayed.containsAll(stored.keySet()), "the queue holds them all");

            Set<String> missing = new HashSet<>(stored.keySet());
            missing.removeAll(relayed);
            assertThat(missing)
                    .as(
                            "%,d events stored but never relayed, e.g. %s",
                            missing.size(),
                            missing.stream().limit(5).map(stored::get).toList())
                    .isEmpty();
            Map<String, Long> approvals = followedCounts(owner.id);
            for (String requester : requesters) {
                assertThat(approvals.get(Follow.idOf(requester, owner.id)))
                        .as("approvals of %s", requester)
                        .isEqualTo(1L);
            }
            assertThat(stored.values().stream().filter(type -> type.equals(UserFollowed.class.getName())))
                    .as("the approvals and the writers' follows")
                    .hasSizeGreaterThan(PENDING);
            assertThat(stored.values()).contains(ProfileUpdated.class.getName(), PostPublished.class.getName());
            assertThat(writeRounds).isGreaterThan(WRITERS);
            assertThat(pendingAfterAnswer)
                    .as("the switch answers before the bulk of the approvals, in %d ms", answerMillis)
                    .isPositive();
        } finally {
            pool.shutdownNow();
            listener.stop();
            amqpAdmin.deleteQueue(queue);
        }
    }

    /**
     * Appends {@link #PENDING} FollowRequested events to the owner through Axon's event store, in transactions that
     * also write the matching {@code follow_requests} rows, as {@link Follows#follow} does one at a time. Answers the
     * requesters.
     */
    private List<String> seedPendingRequests(String ownerId, String aggregateType) {
        List<String> requesters = new ArrayList<>();
        Instant at = Instant.now();
        for (int from = 0; from < PENDING; from += SEED_CHUNK) {
            List<String> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(PENDING, from + SEED_CHUNK); i++) {
                chunk.add(UUID.randomUUID().toString());
            }
            transaction.executeWithoutResult(status -> {
                eventStore.publish(chunk.stream()
                        .map(requester -> {
                            String followId = Follow.idOf(requester, ownerId);
                            return new GenericDomainEventMessage<>(
                                    aggregateType, followId, 0L, new FollowRequested(followId, requester, ownerId, at));
                        })
                        .toList());
                jdbc.batchUpdate(
                        "INSERT INTO follow_requests (followee_id, follower_id, requested_at) VALUES (?, ?, ?)",
                        chunk.stream()
                                .map(requester -> new Object[] {ownerId, requester, Timestamp.from(at)})
                                .toList());
            });
            requesters.addAll(chunk);
        }
        return requesters;
    }

    /** Follows, unfollows, edits the profile and now and then posts, until told to stop; answers the rounds. */
    private int keepWriting(Member writer, Member partner, AtomicBoolean stop) {
        int round = 0;
        while (!stop.get()) {
            round++;
            HttpMethod followOrNot = round % 2 == 1 ? HttpMethod.PUT : HttpMethod.DELETE;
            assertNoContent(call(followOrNot, "/api/users/me/following/" + partner.id, writer.token, null));
            assertNoContent(call(
                    HttpMethod.PUT,
                    "/api/users/me/profile",
                    writer.token,
                    Map.of("displayName", writer.name, "bio", "Round " + round)));
            if (round % 40 == 1) {
                publishPost(writer.id, writer.token, "Round " + round);
            }
        }
        return round;
    }

    private SimpleMessageListenerContainer listen(String queue, Set<String> relayed) {
        SimpleMessageListenerContainer container =
                new SimpleMessageListenerContainer(rabbitTemplate.getConnectionFactory());
        container.setQueueNames(queue);
        container.setPrefetchCount(250);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(false);
        // The exchange also carries what the test publishes itself (MediaStored): only relayed events count.
        container.setMessageListener(message -> {
            if (message.getMessageProperties().getHeader(WireHeaders.GLOBAL_INDEX) != null) {
                relayed.add(message.getMessageProperties().getHeader(WireHeaders.MESSAGE_ID));
            }
        });
        container.start();
        return container;
    }

    private String bindTestQueue() {
        String queue = "test.relayed." + UUID.randomUUID();
        // not exclusive: the broker may see the declaring and the reading channel on different connections
        amqpAdmin.declareQueue(QueueBuilder.nonDurable(queue).expires(600_000).build());
        amqpAdmin.declareBinding(BindingBuilder.bind(new Queue(queue))
                .to(new TopicExchange(EXCHANGE))
                .with(AmqpTopology.ALL_EVENTS));
        return queue;
    }

    /** The aggregate type Axon stores for Follow, read from a request made through the command bus. */
    private String typeOfFollow(String followId) {
        return jdbc.queryForObject(
                "SELECT type FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
                String.class,
                followId);
    }

    /** Event id to payload type of every event stored after {@code globalIndex}. */
    private Map<String, String> eventsAfter(long globalIndex) {
        Map<String, String> events = new ConcurrentHashMap<>();
        jdbc.query(
                "SELECT event_identifier, payload_type FROM domain_event_entry WHERE global_index > ?",
                row -> {
                    events.put(row.getString(1), row.getString(2));
                },
                globalIndex);
        return events;
    }

    /** How many UserFollowed each follow of {@code ownerId} holds. */
    private Map<String, Long> followedCounts(String ownerId) {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        jdbc.query(
                "SELECT aggregate_identifier, count(*) FROM domain_event_entry WHERE payload_type = ?"
                        + " AND aggregate_identifier LIKE ? GROUP BY aggregate_identifier",
                row -> {
                    counts.put(row.getString(1), row.getLong(2));
                },
                UserFollowed.class.getName(),
                "%:" + ownerId);
        return counts;
    }

    private long lastGlobalIndex() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    private long relayPosition() throws Exception {
        var tokens = jdbc.queryForList(
                "SELECT token FROM token_entry WHERE processor_name = ? AND token IS NOT NULL", byte[].class, RELAY);
        return tokens.isEmpty()
                ? -1
                : objectMapper.readTree(tokens.get(0)).path("index").asLong(-1);
    }

    private long pendingRequestsTo(String ownerId) {
        return jdbc.queryForObject("SELECT count(*) FROM follow_requests WHERE followee_id = ?", Long.class, ownerId);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Duration atMost, Check check, String what) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                System.out.printf("Gave up waiting after %s: %s%n", atMost, what);
                return;
            }
            Thread.sleep(200);
        }
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private record Member(String id, String name, String token) {}

    private Member member(String prefix) {
        String name = uniqueName(prefix);
        String id = register(name);
        return new Member(id, name, tokenOf(name));
    }

    private ResponseEntity<JsonNode> follow(Member follower, Member followee) {
        return call(HttpMethod.PUT, "/api/users/me/following/" + followee.id, follower.token, null);
    }

    private static void assertNoContent(ResponseEntity<JsonNode> answer) {
        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.NO_CONTENT);
    }
}
