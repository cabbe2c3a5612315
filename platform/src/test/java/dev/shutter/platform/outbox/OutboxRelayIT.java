package dev.shutter.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.media.MediaDeleted;
import dev.shutter.events.media.MediaStored;
import dev.shutter.platform.amqp.EventsTopology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The relay against the test broker and the in-process MongoDB: what is confirmed leaves its document, what is not
 * (broker unreachable, message returned) stays and goes out on a later round, after its pause.
 */
class OutboxRelayIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final EventsTopology TOPOLOGY = new EventsTopology("test-outbox-" + RUN);
    private static final String MEDIA_QUEUE = TOPOLOGY.queue(AmqpTopology.COMMAND_SIDE_MEDIA_QUEUE);
    private static final String COLLECTION = "things";
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);

    private static CachingConnectionFactory adminConnections;
    private static RabbitAdmin admin;
    private static RabbitTemplate receiver;
    private static MongoClient client;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ObjectMapper objectMapper = new ObjectMapper().registerModule(new JavaTimeModule());
    private final AtomicInteger declarations = new AtomicInteger();
    private MongoTemplate mongo;
    private CachingConnectionFactory publisherConnections;
    private OutboxRelay relay;
    private Outbox outbox;

    @BeforeAll
    static void declareTopology() {
        adminConnections = TestBroker.publisherConnections();
        admin = new RabbitAdmin(adminConnections);
        TestBroker.declare(admin, TOPOLOGY);
        receiver = new RabbitTemplate(adminConnections);
        client = MongoClients.create(TestInfrastructure.mongo().uri());
    }

    @AfterAll
    static void removeTopology() {
        TestBroker.remove(admin, TOPOLOGY);
        adminConnections.destroy();
        client.close();
    }

    @AfterEach
    void closePublisher() {
        publisherConnections.destroy();
    }

    private void relayOn(CachingConnectionFactory connections) {
        publisherConnections = connections;
        mongo = new MongoTemplate(
                client, "outbox_it_" + UUID.randomUUID().toString().replace("-", ""));
        OutboxProperties properties = new OutboxProperties(
                true,
                Duration.ofSeconds(5),
                Duration.ZERO,
                FIRST_BACKOFF,
                Duration.ofMinutes(5),
                Duration.ofSeconds(5),
                2);
        OutboxPublisher publisher = new OutboxPublisher(
                connections, TOPOLOGY.exchange(), properties.confirmTimeout(), declarations::incrementAndGet);
        relay = new OutboxRelay(mongo, publisher, properties, clock);
        outbox = new Outbox(objectMapper, relay, clock);
        outbox.watch(COLLECTION);
    }

    @Test
    void aConfirmedMessageLeavesItsDocumentAndReachesItsQueueInTheWireFormat() throws Exception {
        relayOn(TestBroker.publisherConnections());
        String mediaId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        Instant storedAt = Instant.parse("2026-03-01T09:59:58.123Z");
        insert(mediaId, outbox.event(eventId, "Media", mediaId, 0, stored(mediaId, storedAt), storedAt));

        assertThat(relay.publishPending()).isEqualTo(1);

        assertThat(outbox.pending(COLLECTION, mediaId)).isEmpty();
        assertThat(mongo.findById(mediaId, Document.class, COLLECTION).getString("title"))
                .as("the rest of the document untouched")
                .isEqualTo("a thing");
        Message message = receiver.receive(MEDIA_QUEUE, 5_000);
        assertThat(message).isNotNull();
        Map<String, Object> headers = message.getMessageProperties().getHeaders();
        assertThat(headers)
                .containsEntry(WireHeaders.MESSAGE_ID, eventId)
                .containsEntry(WireHeaders.MESSAGE_TYPE, MediaStored.class.getName())
                .containsEntry(WireHeaders.AGGREGATE_ID, mediaId)
                .containsEntry(WireHeaders.AGGREGATE_SEQUENCE, 0L)
                .containsEntry(WireHeaders.AGGREGATE_TYPE, "Media")
                .containsEntry(WireHeaders.TIMESTAMP, storedAt.toEpochMilli());
        assertThat(message.getMessageProperties().getReceivedRoutingKey()).isEqualTo(MediaStored.class.getName());
        assertThat(message.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(message.getMessageProperties().getMessageId()).isEqualTo(eventId);
        assertThat(objectMapper.readValue(message.getBody(), MediaStored.class)).isEqualTo(stored(mediaId, storedAt));
        assertThat(declarations)
                .as("the topology declared before the first publish")
                .hasValue(1);
    }

    @Test
    void whileTheBrokerIsDownMessagesStayPendingAndGoOutOnceItIsBackAfterTheirPause() throws Exception {
        CachingConnectionFactory connections = TestBroker.publisherConnections();
        connections.setPort(TestBroker.closedPort());
        relayOn(connections);
        String mediaId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        insert(mediaId, outbox.event(eventId, "Media", mediaId, 0, stored(mediaId, clock.instant()), clock.instant()));

        assertThat(relay.publishPending()).isZero();
        assertThat(outbox.pending(COLLECTION, mediaId))
                .extracting(OutboxMessage::id)
                .containsExactly(eventId);

        connections.setPort(TestInfrastructure.amqp().port());
        connections.resetConnection();
        assertThat(relay.publishPending()).as("still pausing after the failure").isZero();
        assertThat(outbox.pending(COLLECTION, mediaId)).hasSize(1);

        clock.advance(FIRST_BACKOFF);
        assertThat(relay.publishPending()).isEqualTo(1);

        assertThat(outbox.pending(COLLECTION, mediaId)).isEmpty();
        Message message = receiver.receive(MEDIA_QUEUE, 5_000);
        assertThat(message).isNotNull();
        assertThat(message.getMessageProperties().getHeaders()).containsEntry(WireHeaders.MESSAGE_ID, eventId);
    }

    @Test
    void aReturnedMessageStaysPendingAndGoesOutOnceAQueueIsBoundForIt() throws Exception {
        relayOn(TestBroker.publisherConnections());
        String id = UUID.randomUUID().toString();
        OutboxMessage unroutable = new OutboxMessage(
                UUID.randomUUID().toString(),
                "test.unrouted." + RUN,
                Map.of(WireHeaders.MESSAGE_TYPE, "test.Unrouted"),
                "{}",
                clock.instant());
        insert(id, unroutable);

        assertThat(relay.publishPending()).isZero();
        assertThat(outbox.pending(COLLECTION, id)).containsExactly(unroutable);

        Queue late = new Queue("test.outbox.late." + RUN, false, false, true);
        Binding binding = BindingBuilder.bind(late)
                .to(new TopicExchange(TOPOLOGY.exchange()))
                .with(unroutable.routingKey());
        admin.declareQueue(late);
        admin.declareBinding(binding);
        try {
            clock.advance(FIRST_BACKOFF);
            assertThat(relay.publishPending()).isEqualTo(1);

            assertThat(outbox.pending(COLLECTION, id)).isEmpty();
            assertThat(receiver.receive(late.getName(), 5_000)).isNotNull();
            assertThat(declarations)
                    .as("the topology declared again after the return")
                    .hasValue(2);
        } finally {
            admin.deleteQueue(late.getName());
        }
    }

    @Test
    void aDocumentsMessagesGoOutInOrderAndNoneBeforeAnEarlierOneIsConfirmed() throws Exception {
        relayOn(TestBroker.publisherConnections());
        String blocked = UUID.randomUUID().toString();
        OutboxMessage unroutable = new OutboxMessage(
                UUID.randomUUID().toString(), "test.unrouted." + RUN, Map.of(), "{}", clock.instant());
        insert(
                blocked,
                unroutable,
                outbox.event(
                        UUID.randomUUID().toString(),
                        "Media",
                        blocked,
                        0,
                        stored(blocked, clock.instant()),
                        clock.instant()));
        String mediaId = UUID.randomUUID().toString();
        Instant at = clock.instant();
        insert(
                mediaId,
                outbox.event(UUID.randomUUID().toString(), "Media", mediaId, 0, stored(mediaId, at), at),
                outbox.event(
                        UUID.randomUUID().toString(), "Media", mediaId, 1, new MediaDeleted(mediaId, "owner", at), at));

        assertThat(relay.publishPending()).isEqualTo(2);

        assertThat(outbox.pending(COLLECTION, mediaId)).isEmpty();
        assertThat(outbox.pending(COLLECTION, blocked))
                .as("nothing of a document goes out past its first message that was not published")
                .hasSize(2);
        Message first = receiver.receive(MEDIA_QUEUE, 5_000);
        Message second = receiver.receive(MEDIA_QUEUE, 5_000);
        assertThat(first.getMessageProperties().getHeaders()).containsEntry(WireHeaders.AGGREGATE_SEQUENCE, 0L);
        assertThat(second.getMessageProperties().getHeaders()).containsEntry(WireHeaders.AGGREGATE_SEQUENCE, 1L);
        assertThat(receiver.receive(MEDIA_QUEUE, 500)).isNull();
    }

    @Test
    void aPollTakesEveryPendingDocumentPageByPageAndLeavesDocumentsWithoutMessagesAlone() throws Exception {
        relayOn(TestBroker.publisherConnections());
        for (int i = 0; i < 5; i++) {
            String mediaId = "media-" + i;
            insert(
                    mediaId,
                    outbox.event(
                            UUID.randomUUID().toString(),
                            "Media",
                            mediaId,
                            0,
                            stored(mediaId, clock.instant()),
                            clock.instant()));
        }
        insert("nothing-pending");

        assertThat(relay.publishPending()).isEqualTo(5);

        assertThat(relay.publishPending()).isZero();
        for (int i = 0; i < 5; i++) {
            assertThat(receiver.receive(MEDIA_QUEUE, 5_000)).isNotNull();
        }
    }

    private void insert(String id, OutboxMessage... messages) {
        mongo.insert(outbox.record(new Document("_id", id).append("title", "a thing"), messages), COLLECTION);
    }

    private static MediaStored stored(String mediaId, Instant at) {
        return new MediaStored(mediaId, "owner", "image/jpeg", 10, 10, at);
    }

    /** A clock the test moves: pauses after failures pass without waiting. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
