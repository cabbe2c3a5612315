package dev.shutter.command.personal;

import dev.shutter.events.EventCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The events of the event store that name one user, in the order they were stored. User ids are random UUIDs that
 * occur in a payload only where it names that user, so one pass over the store finds every event about them - their
 * own aggregate's, their follows, blocks, posts, comments and likes - whatever type or aggregate it belongs to. The
 * payloads are read as the aggregates read them, their personal data opened with the user's key.
 */
@Repository
class PersonalHistory {

    /** One stored event: its payload and when it was stored. */
    record StoredEvent(Object payload, Instant storedAt) {}

    private static final List<String> EVENT_TYPES =
            EventCatalog.types().stream().map(Class::getName).toList();

    private final JdbcClient jdbc;
    private final Serializer serializer;

    PersonalHistory(JdbcClient jdbc, @Qualifier("eventSerializer") Serializer eventSerializer, UserKeys keys) {
        this.jdbc = jdbc;
        this.serializer = SealingSerializer.over(eventSerializer, keys);
    }

    List<StoredEvent> about(String userId) {
        return jdbc.sql(
                        """
                        SELECT payload_type, payload_revision, payload, time_stamp FROM domain_event_entry
                        WHERE payload_type IN (:types)
                          AND (aggregate_identifier = :userId OR position(:needle IN payload) > 0)
                        ORDER BY global_index""")
                .param("types", EVENT_TYPES)
                .param("userId", userId)
                .param("needle", userId.getBytes(StandardCharsets.UTF_8))
                .query((rs, row) -> new StoredEvent(
                        serializer.deserialize(new SimpleSerializedObject<>(
                                rs.getBytes("payload"),
                                byte[].class,
                                rs.getString("payload_type"),
                                rs.getString("payload_revision"))),
                        Instant.parse(rs.getString("time_stamp"))))
                .list();
    }
}
