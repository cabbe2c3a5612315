package dev.shutter.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.push.DeviceTokenRejected;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.data.mongodb.core.query.Update;

class OutboxMessageTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456Z");
    private final Outbox outbox =
            new Outbox(new ObjectMapper().registerModule(new JavaTimeModule()), null, Clock.fixed(NOW, ZoneOffset.UTC));

    private OutboxMessage rejection() {
        Instant at = Instant.parse("2026-03-01T09:00:00.5Z");
        return outbox.event(
                "event-1", "DeviceToken", "token-1", 0, new DeviceTokenRejected("u", "token-1", "GONE", at), at);
    }

    @Test
    void anEventCarriesTheWireHeadersAndItsJsonBody() {
        OutboxMessage message = rejection();

        assertThat(message.id()).isEqualTo("event-1");
        assertThat(message.routingKey()).isEqualTo(DeviceTokenRejected.class.getName());
        assertThat(message.headers())
                .containsEntry(WireHeaders.MESSAGE_ID, "event-1")
                .containsEntry(WireHeaders.MESSAGE_TYPE, DeviceTokenRejected.class.getName())
                .containsEntry(WireHeaders.AGGREGATE_ID, "token-1")
                .containsEntry(WireHeaders.AGGREGATE_SEQUENCE, 0L)
                .containsEntry(WireHeaders.AGGREGATE_TYPE, "DeviceToken")
                .containsEntry(
                        WireHeaders.TIMESTAMP,
                        Instant.parse("2026-03-01T09:00:00.5Z").toEpochMilli());
        assertThat(message.body()).contains("\"reason\":\"GONE\"");
        assertThat(message.recordedAt()).as("as precise as MongoDB keeps it").isEqualTo("2026-03-01T10:00:00.123Z");
    }

    @Test
    void comesBackFromItsDocumentUnchanged() {
        OutboxMessage message = rejection();

        // Through BSON's own types: longs stay longs, instants become dates.
        String stored = message.toDocument()
                .toJson(JsonWriterSettings.builder()
                        .outputMode(JsonMode.EXTENDED)
                        .build());

        assertThat(OutboxMessage.fromDocument(Document.parse(stored))).isEqualTo(message);
    }

    @Test
    void becomesAPersistentJsonMessageWithTheEventsIdAndTime() {
        Message amqp = rejection().toAmqpMessage();

        assertThat(amqp.getMessageProperties().getMessageId()).isEqualTo("event-1");
        assertThat(amqp.getMessageProperties().getDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(amqp.getMessageProperties().getContentType()).isEqualTo("application/json");
        assertThat(amqp.getMessageProperties().getTimestamp().toInstant()).isEqualTo("2026-03-01T09:00:00.5Z");
        assertThat(amqp.getMessageProperties().getHeaders()).containsEntry(WireHeaders.AGGREGATE_SEQUENCE, 0L);
        assertThat(new String(amqp.getBody(), StandardCharsets.UTF_8))
                .isEqualTo(rejection().body());
    }

    @Test
    void isRecordedByTheSameWriteAsTheChangeItAnnounces() {
        Update update = outbox.record(new Update().set("state", "REJECTED"), rejection());
        Document inserted = outbox.record(new Document("_id", "x"), rejection());

        assertThat(update.getUpdateObject().get("$set", Document.class)).containsEntry("state", "REJECTED");
        assertThat(update.getUpdateObject().get("$push", Document.class)).containsKey(Outbox.FIELD);
        assertThat(inserted.getList(Outbox.FIELD, Document.class))
                .singleElement()
                .satisfies(element -> assertThat(element.getString("id")).isEqualTo("event-1"));
    }

    @Test
    void pausesDoubleAfterEachFailureUpToTheCeiling() {
        OutboxProperties properties = new OutboxProperties(
                true,
                Duration.ofSeconds(5),
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                100);

        assertThat(properties.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(properties.backoff(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.backoff(60)).isEqualTo(Duration.ofSeconds(5));
    }
}
