package dev.shutter.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.post.PostCaptionEdited;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.platform.wire.WireDecoder;
import dev.shutter.platform.wire.WireEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.data.mongodb.core.MongoTemplate;

class OrderedConsumerTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private MongoServer server;
    private MongoClient client;
    private DeadLetterStore deadLetters;
    private final List<String> applied = new ArrayList<>();
    private final Set<String> failing = new HashSet<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private OrderedConsumer consumer;

    @BeforeEach
    void startStore() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        deadLetters = new MongoDeadLetterStore(new MongoTemplate(client, "platform-test"));
        consumer = consumerWith(this::recordUnlessFailing);
    }

    @AfterEach
    void stopStore() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void appliesAnEventOnceWhenItSucceeds() throws Exception {
        consumer.onMessage(like("post-1", 0, "e1"));

        assertThat(applied).containsExactly("e1");
        assertThat(deadLetters.count("test")).isZero();
    }

    @Test
    void retriesAFailingEventInPlaceUntilItSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        consumer = consumerWith(event -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            applied.add(event.eventId());
        });

        consumer.onMessage(like("post-1", 0, "e1"));
        consumer.onMessage(like("post-1", 1, "e2"));

        assertThat(applied).containsExactly("e1", "e2");
        assertThat(calls).hasValue(4);
        assertThat(deadLetters.count("test")).isZero();
    }

    @Test
    void parksAnEventAfterTheLastAttemptWithItsReasonAndLetsOtherAggregatesFlow() throws Exception {
        failing.add("e1");

        consumer.onMessage(like("post-1", 0, "e1"));
        consumer.onMessage(like("post-2", 0, "e2"));

        assertThat(attempts).hasValue(5 + 1);
        assertThat(applied).containsExactly("e2");
        List<DeadLetter> letters = deadLetters.list("test", 10);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.sequenceKey()).isEqualTo("post-1");
            assertThat(letter.eventId()).isEqualTo("e1");
            assertThat(letter.attempts()).isEqualTo(5);
            assertThat(letter.reason()).isEqualTo("IllegalStateException: e1 fails");
            assertThat(letter.eventType()).isEqualTo(PostLiked.class.getName());
        });
    }

    @Test
    void parksLaterEventsOfAnAggregateBehindItsDeadLetterInOrder() throws Exception {
        failing.add("e1");
        consumer.onMessage(like("post-1", 0, "e1"));
        failing.clear();

        consumer.onMessage(like("post-1", 1, "e2"));
        consumer.onMessage(like("post-1", 2, "e3"));

        assertThat(applied).isEmpty();
        assertThat(deadLetters.sequence("test", "post-1"))
                .extracting(DeadLetter::eventId)
                .containsExactly("e1", "e2", "e3");
        assertThat(deadLetters.sequence("test", "post-1").get(1).attempts()).isZero();
    }

    @Test
    void parksAMessageThatIsNoShutterEventAtOnce() throws Exception {
        Message nulls = message("post-1", 0, "e1", PostLiked.class.getName(), "null");
        Message garbage = message("post-2", 0, "e2", PostLiked.class.getName(), "{not json");
        Message unknown = message("post-3", 0, "e3", "com.example.Unknown", "{}");

        consumer.onMessage(nulls);
        consumer.onMessage(garbage);
        consumer.onMessage(unknown);

        assertThat(attempts).hasValue(0);
        assertThat(deadLetters.list("test", 10))
                .extracting(DeadLetter::reason)
                .containsExactly(
                        "not a Shutter event: empty body of a PostLiked",
                        "not a Shutter event: unreadable body of a PostLiked: Unexpected character ('n' (code 110)):"
                                + " was expecting double-quote to start field name",
                        "not a Shutter event: unknown event type com.example.Unknown");
        assertThat(deadLetters.list("test", 10))
                .allSatisfy(letter -> assertThat(letter.attempts()).isEqualTo(1));
    }

    @Test
    void retriesThroughAStoreOutageWithoutParking() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        consumer = consumerWith(event -> {
            if (calls.incrementAndGet() <= 8) {
                throw new org.springframework.dao.DataAccessResourceFailureException(
                        "down", new MongoSocketReadException("closed", new ServerAddress()));
            }
            applied.add(event.eventId());
        });

        consumer.onMessage(like("post-1", 0, "e1"));

        assertThat(calls).hasValue(9);
        assertThat(applied).containsExactly("e1");
        assertThat(deadLetters.count("test")).isZero();
    }

    @Test
    void retriesOnlyTheOldestLetterOfASequenceOnItsOwn() throws Exception {
        failing.add("e1");
        consumer.onMessage(like("post-1", 0, "e1"));
        consumer.onMessage(like("post-1", 1, "e2"));
        String second = deadLetters.sequence("test", "post-1").get(1).id();

        assertThatThrownBy(() -> consumer.retry(second)).isInstanceOf(NotFirstInSequenceException.class);
        assertThat(deadLetters.count("test")).isEqualTo(2);
    }

    @Test
    void retriesASequenceInOrderOnceItsCauseIsGone() throws Exception {
        failing.add("e1");
        consumer.onMessage(like("post-1", 0, "e1"));
        consumer.onMessage(like("post-1", 1, "e2"));

        OrderedConsumer.RetryOutcome stillFailing = consumer.retrySequence("post-1");
        failing.clear();
        OrderedConsumer.RetryOutcome fixed = consumer.retrySequence("post-1");
        consumer.onMessage(like("post-1", 2, "e3"));

        assertThat(stillFailing).isEqualTo(new OrderedConsumer.RetryOutcome(0, 2, "IllegalStateException: e1 fails"));
        assertThat(fixed).isEqualTo(new OrderedConsumer.RetryOutcome(2, 0, null));
        assertThat(applied).containsExactly("e1", "e2", "e3");
        assertThat(deadLetters.count("test")).isZero();
    }

    @Test
    void dropsALetterAndASequence() throws Exception {
        failing.add("e1");
        failing.add("e3");
        consumer.onMessage(like("post-1", 0, "e1"));
        consumer.onMessage(like("post-2", 0, "e3"));
        consumer.onMessage(like("post-2", 1, "e4"));

        consumer.drop(deadLetters.sequence("test", "post-1").get(0).id());
        int dropped = consumer.dropSequence("post-2");

        assertThat(dropped).isEqualTo(2);
        assertThat(deadLetters.count("test")).isZero();
        assertThatThrownBy(() -> consumer.drop("nothing")).isInstanceOf(DeadLetterNotFoundException.class);
    }

    @Test
    void forgetsTheDeadLettersOfAUserWhoDeletedTheirAccount() throws Exception {
        failing.add("e1");
        failing.add("e2");
        failing.add("e3");
        consumer.onMessage(message(
                "post-1",
                0,
                "e1",
                PostCaptionEdited.class.getName(),
                json(new PostCaptionEdited("post-1", "ann", "hi"))));
        consumer.onMessage(like("post-2", 0, "e2", "ann"));
        consumer.onMessage(like("post-3", 0, "e3", "bob"));

        consumer.onMessage(
                message("ann", 7, "e4", UserDeleted.class.getName(), json(new UserDeleted("ann", Instant.now()))));

        assertThat(deadLetters.list("test", 10)).extracting(DeadLetter::eventId).containsExactly("e3");
    }

    @Test
    void parksARedeliveredMessageOnlyOnce() throws Exception {
        failing.add("e1");
        Message first = like("post-1", 0, "e1");
        Message second = like("post-1", 1, "e2");
        consumer.onMessage(first);
        consumer.onMessage(second);

        consumer.onMessage(first);
        consumer.onMessage(second);

        assertThat(deadLetters.sequence("test", "post-1"))
                .extracting(DeadLetter::eventId, DeadLetter::attempts)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("e1", 5), org.assertj.core.groups.Tuple.tuple("e2", 0));
    }

    @Test
    void appliesAnAccountDeletionRatherThanParkingItBehindTheAccountsOwnLetters() throws Exception {
        failing.add("e1");
        consumer.onMessage(message(
                "ann", 3, "e1", PostCaptionEdited.class.getName(), json(new PostCaptionEdited("post-1", "ann", "hi"))));

        consumer.onMessage(
                message("ann", 4, "e2", UserDeleted.class.getName(), json(new UserDeleted("ann", Instant.now()))));

        assertThat(applied).containsExactly("e2");
        assertThat(deadLetters.count("test")).isZero();
    }

    @Test
    void waitsForADeadLetterStoreThatFailsRatherThanLosingOrLoopingTheMessage() throws Exception {
        DeadLetterStore flaky = new ForwardingStore(deadLetters) {
            int failures = 3;

            @Override
            public boolean isParked(String consumer, String sequenceKey) {
                if (failures-- > 0) {
                    throw new IllegalStateException("no such table");
                }
                return super.isParked(consumer, sequenceKey);
            }
        };
        ConsumerProperties properties =
                new ConsumerProperties(5, Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofMillis(4));
        consumer = new OrderedConsumer(
                "test", new WireDecoder(JSON), flaky, properties, this::recordUnlessFailing, Clock.systemUTC());

        consumer.onMessage(like("post-1", 0, "e1"));

        assertThat(applied).containsExactly("e1");
    }

    private OrderedConsumer consumerWith(OrderedConsumer.Handler handler) {
        ConsumerProperties properties =
                new ConsumerProperties(5, Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofMillis(4));
        return new OrderedConsumer("test", new WireDecoder(JSON), deadLetters, properties, handler, Clock.systemUTC());
    }

    private void recordUnlessFailing(WireEvent event) {
        attempts.incrementAndGet();
        if (failing.contains(event.eventId())) {
            throw new IllegalStateException(event.eventId() + " fails");
        }
        applied.add(event.eventId());
    }

    private static Message like(String postId, long sequence, String eventId) {
        return like(postId, sequence, eventId, "someone");
    }

    private static Message like(String postId, long sequence, String eventId, String userId) {
        return message(
                postId,
                sequence,
                eventId,
                PostLiked.class.getName(),
                json(new PostLiked(postId, userId, Instant.parse("2026-12-08T00:00:00Z"))));
    }

    private static Message message(String aggregateId, long sequence, String eventId, String type, String body) {
        MessageProperties properties = new MessageProperties();
        properties.setHeader(WireHeaders.MESSAGE_ID, eventId);
        properties.setHeader(WireHeaders.MESSAGE_TYPE, type);
        properties.setHeader(WireHeaders.AGGREGATE_ID, aggregateId);
        properties.setHeader(WireHeaders.AGGREGATE_SEQUENCE, sequence);
        properties.setHeader(WireHeaders.GLOBAL_INDEX, 1L);
        properties.setMessageId(UUID.randomUUID().toString());
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }

    private static String json(Object event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A store that passes every call on, for tests to break one of them. */
    private static class ForwardingStore implements DeadLetterStore {

        private final DeadLetterStore store;

        ForwardingStore(DeadLetterStore store) {
            this.store = store;
        }

        @Override
        public boolean isParked(String consumer, String sequenceKey) {
            return store.isParked(consumer, sequenceKey);
        }

        @Override
        public void park(DeadLetter letter) {
            store.park(letter);
        }

        @Override
        public List<DeadLetter> sequence(String consumer, String sequenceKey) {
            return store.sequence(consumer, sequenceKey);
        }

        @Override
        public List<DeadLetter> list(String consumer, int limit) {
            return store.list(consumer, limit);
        }

        @Override
        public long count(String consumer) {
            return store.count(consumer);
        }

        @Override
        public java.util.Optional<DeadLetter> find(String consumer, String id) {
            return store.find(consumer, id);
        }

        @Override
        public void update(DeadLetter letter) {
            store.update(letter);
        }

        @Override
        public void delete(String consumer, String id) {
            store.delete(consumer, id);
        }

        @Override
        public long forget(String consumer, String userId) {
            return store.forget(consumer, userId);
        }
    }
}
