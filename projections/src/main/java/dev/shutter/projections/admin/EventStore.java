package dev.shutter.projections.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shutter.events.EventCatalog;
import dev.shutter.events.personal.PersonalDataCodec;
import dev.shutter.projections.view.EventEnvelope;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the command side's event store (Axon's {@code domain_event_entry}); it never writes. Personal data is stored
 * sealed with each user's key ({@code user_keys}); a page's keys are read in one query and its events opened with them,
 * and a key that is gone (the user deleted their account) leaves those fields {@code null}.
 */
@Component
class EventStore {

    private static final Logger log = LoggerFactory.getLogger(EventStore.class);
    private static final String PAGE = "select global_index, event_identifier, aggregate_identifier, sequence_number,"
            + " type, payload_type, payload, time_stamp from domain_event_entry where global_index > ?"
            + " order by global_index limit ?";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final PersonalDataCodec codec;

    EventStore(JdbcTemplate jdbc, ObjectMapper objectMapper) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.objectMapper = objectMapper;
        this.codec = new PersonalDataCodec(objectMapper);
    }

    /** The global index of the newest stored event, 0 when there is none. */
    long head() {
        Long head = jdbc.getJdbcTemplate()
                .queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        return head != null ? head : 0L;
    }

    /**
     * The next stored events after a position, in order. Events of types Shutter does not know, or whose payload
     * cannot be read, are left out but still move the position on.
     */
    Page after(long globalIndex, int limit) {
        List<StoredRow> rows = new ArrayList<>();
        long[] last = {globalIndex};
        jdbc.getJdbcTemplate()
                .query(
                        PAGE,
                        (RowCallbackHandler) row -> {
                            last[0] = row.getLong("global_index");
                            stored(row).ifPresent(rows::add);
                        },
                        globalIndex,
                        limit);
        Map<String, byte[]> keys = keysOf(rows);
        List<EventEnvelope> events = new ArrayList<>();
        for (StoredRow row : rows) {
            envelope(row, keys).ifPresent(events::add);
        }
        return new Page(events, last[0]);
    }

    private Optional<StoredRow> stored(ResultSet row) throws SQLException {
        String payloadType = row.getString("payload_type");
        Optional<Class<? extends Record>> type = EventCatalog.typeNamed(payloadType);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        long globalIndex = row.getLong("global_index");
        try {
            ObjectNode payload = (ObjectNode) objectMapper.readTree(row.getBytes("payload"));
            return Optional.of(new StoredRow(
                    row.getString("event_identifier"),
                    row.getString("aggregate_identifier"),
                    row.getLong("sequence_number"),
                    globalIndex,
                    instant(row.getString("time_stamp")),
                    type.get(),
                    payload));
        } catch (IOException | ClassCastException e) {
            log.warn("Skipping stored event {} of type {}: unreadable payload", globalIndex, payloadType, e);
            return Optional.empty();
        }
    }

    /** The keys that open the page's sealed events, in one query; keys that are gone are absent. */
    private Map<String, byte[]> keysOf(List<StoredRow> rows) {
        Set<String> subjects = new HashSet<>();
        rows.forEach(
                row -> PersonalDataCodec.sealedFor(row.type(), row.payload()).ifPresent(subjects::add));
        Map<String, byte[]> keys = new HashMap<>();
        if (!subjects.isEmpty()) {
            jdbc.query(
                    "select user_id, key from user_keys where user_id in (:subjects)",
                    Map.of("subjects", subjects),
                    (RowCallbackHandler) row -> keys.put(row.getString("user_id"), row.getBytes("key")));
        }
        return keys;
    }

    private Optional<EventEnvelope> envelope(StoredRow row, Map<String, byte[]> keys) {
        Record payload;
        try {
            ObjectNode opened =
                    codec.open(row.type(), row.payload(), subject -> Optional.ofNullable(keys.get(subject)));
            payload = objectMapper.treeToValue(opened, row.type());
        } catch (IOException | IllegalStateException e) {
            log.warn("Skipping stored event {} of type {}: unreadable payload", row.globalIndex(), row.type(), e);
            return Optional.empty();
        }
        return Optional.of(new EventEnvelope(
                row.eventId(), row.aggregateId(), row.sequence(), row.globalIndex(), row.storedAt(), payload));
    }

    private static Instant instant(String value) {
        try {
            return value != null ? Instant.parse(value) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** One stored event, its payload still as stored. */
    private record StoredRow(
            String eventId,
            String aggregateId,
            long sequence,
            long globalIndex,
            Instant storedAt,
            Class<? extends Record> type,
            ObjectNode payload) {}

    /** @param position the global index to continue after */
    record Page(List<EventEnvelope> events, long position) {}
}
