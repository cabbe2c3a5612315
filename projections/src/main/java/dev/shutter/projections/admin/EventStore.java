package dev.shutter.projections.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.EventCatalog;
import dev.shutter.projections.view.EventEnvelope;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/** Reads the command side's event store (Axon's {@code domain_event_entry}); it never writes. */
@Component
class EventStore {

    private static final Logger log = LoggerFactory.getLogger(EventStore.class);
    private static final String PAGE = "select global_index, event_identifier, aggregate_identifier, sequence_number,"
            + " type, payload_type, payload, time_stamp from domain_event_entry where global_index > ?"
            + " order by global_index limit ?";

    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;

    EventStore(JdbcTemplate jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
    }

    /** The global index of the newest stored event, 0 when there is none. */
    long head() {
        Long head = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        return head != null ? head : 0L;
    }

    /**
     * The next stored events after a position, in order. Events of types Shutter does not know are
     * left out but still move the position on.
     */
    Page after(long globalIndex, int limit) {
        List<EventEnvelope> events = new ArrayList<>();
        long[] last = {globalIndex};
        jdbc.query(
                PAGE,
                (RowCallbackHandler) row -> {
                    last[0] = row.getLong("global_index");
                    envelope(row).ifPresent(events::add);
                },
                globalIndex,
                limit);
        return new Page(events, last[0]);
    }

    private Optional<EventEnvelope> envelope(ResultSet row) throws SQLException {
        String payloadType = row.getString("payload_type");
        Optional<Class<? extends Record>> type = EventCatalog.typeNamed(payloadType);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        long globalIndex = row.getLong("global_index");
        Record payload;
        try {
            payload = objectMapper.readValue(row.getBytes("payload"), type.get());
        } catch (IOException e) {
            log.warn("Skipping stored event {} of type {}: unreadable payload", globalIndex, payloadType, e);
            return Optional.empty();
        }
        return Optional.of(new EventEnvelope(
                row.getString("event_identifier"),
                row.getString("aggregate_identifier"),
                row.getLong("sequence_number"),
                globalIndex,
                instant(row.getString("time_stamp")),
                payload));
    }

    private static Instant instant(String value) {
        try {
            return value != null ? Instant.parse(value) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** @param position the global index to continue after */
    record Page(List<EventEnvelope> events, long position) {}
}
