package dev.shutter.push.rebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shutter.events.EventCatalog;
import dev.shutter.events.personal.PersonalDataCodec;
import dev.shutter.push.wire.StoredEvent;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the command side's event store (Axon's {@code domain_event_entry}) with a read-only role; it never writes.
 * Only the events this service consumes live (user, follow, block and post events) are handed on, their personal
 * data opened with the keys of their users.
 */
@Component
class EventStore {

    private static final Logger log = LoggerFactory.getLogger(EventStore.class);
    private static final String COLUMNS =
            "select global_index, event_identifier, aggregate_identifier, sequence_number, payload_type, payload"
                    + " from domain_event_entry ";
    private static final String PAGE = COLUMNS + "where global_index > ? order by global_index limit ?";
    private static final String AT = COLUMNS + "where global_index = any (?) order by global_index";
    private static final String RELEVANT = "(payload_type like 'dev.shutter.events.user.%'"
            + " or payload_type like 'dev.shutter.events.follow.%'"
            + " or payload_type like 'dev.shutter.events.block.%'"
            + " or payload_type like 'dev.shutter.events.post.%')";
    private static final String BEHIND =
            "select count(*) from domain_event_entry where global_index > ? and " + RELEVANT;

    private final ObjectProvider<JdbcTemplate> jdbc;
    private final ObjectMapper objectMapper;
    private final PersonalDataCodec codec;

    EventStore(ObjectProvider<JdbcTemplate> jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.codec = new PersonalDataCodec(objectMapper);
    }

    /** The global index of the newest stored event, 0 when there is none. */
    long head() {
        Long head = jdbc().queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        return head != null ? head : 0L;
    }

    /** How many stored events after the position this service would apply. */
    long relevantAfter(long globalIndex) {
        Long count = jdbc().queryForObject(BEHIND, Long.class, globalIndex);
        return count != null ? count : 0L;
    }

    /**
     * The next stored events after a position, in order, and the global indexes skipped between them: a transaction
     * that commits later may still fill such a gap. Events of other types move the position on.
     */
    Page after(long globalIndex, int limit) {
        List<SealedEvent> events = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        long[] last = {globalIndex};
        jdbc().query(
                        PAGE,
                        (RowCallbackHandler) row -> {
                            long index = row.getLong("global_index");
                            for (long missing = last[0] + 1; missing < index; missing++) {
                                gaps.add(missing);
                            }
                            last[0] = index;
                            event(row).ifPresent(events::add);
                        },
                        globalIndex,
                        limit);
        return new Page(opened(events), gaps, last[0]);
    }

    /** The stored events at these global indexes, where there are any by now. */
    Page at(Collection<Long> globalIndexes) {
        List<SealedEvent> events = new ArrayList<>();
        List<Long> found = new ArrayList<>();
        jdbc().query(
                        connection -> {
                            var statement = connection.prepareStatement(AT);
                            statement.setArray(1, connection.createArrayOf("bigint", globalIndexes.toArray()));
                            return statement;
                        },
                        (RowCallbackHandler) row -> {
                            found.add(row.getLong("global_index"));
                            event(row).ifPresent(events::add);
                        });
        return new Page(opened(events), found, 0);
    }

    private JdbcTemplate jdbc() {
        JdbcTemplate template = jdbc.getIfAvailable();
        if (template == null) {
            throw new EventStoreUnavailableException("No event store is configured (spring.datasource.*).");
        }
        return template;
    }

    /** Whether the event store answers. */
    void check() {
        try {
            head();
        } catch (DataAccessException e) {
            log.warn("The event store does not answer", e);
            throw new EventStoreUnavailableException("The event store does not answer; try again shortly.");
        }
    }

    private Optional<SealedEvent> event(ResultSet row) throws SQLException {
        String payloadType = row.getString("payload_type");
        if (!payloadType.startsWith("dev.shutter.events.user.")
                && !payloadType.startsWith("dev.shutter.events.follow.")
                && !payloadType.startsWith("dev.shutter.events.block.")
                && !payloadType.startsWith("dev.shutter.events.post.")) {
            return Optional.empty();
        }
        Optional<Class<? extends Record>> type = EventCatalog.typeNamed(payloadType);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        try {
            ObjectNode payload = (ObjectNode) objectMapper.readTree(row.getBytes("payload"));
            return Optional.of(new SealedEvent(
                    row.getString("event_identifier"),
                    row.getString("aggregate_identifier"),
                    row.getLong("sequence_number"),
                    row.getLong("global_index"),
                    type.get(),
                    payload));
        } catch (IOException | ClassCastException e) {
            log.warn(
                    "Skipping stored event {} of type {}: unreadable payload",
                    row.getLong("global_index"),
                    payloadType,
                    e);
            return Optional.empty();
        }
    }

    /**
     * The events with their personal data opened: the keys of the page's users ({@code user_keys}) are read in one
     * query; a key that is gone (the user deleted their account) leaves those fields null.
     */
    private List<StoredEvent> opened(List<SealedEvent> events) {
        Set<String> subjects = new HashSet<>();
        events.forEach(event ->
                PersonalDataCodec.sealedFor(event.type(), event.payload()).ifPresent(subjects::add));
        Map<String, byte[]> keys = new HashMap<>();
        if (!subjects.isEmpty()) {
            new NamedParameterJdbcTemplate(jdbc())
                    .query(
                            "select user_id, key from user_keys where user_id in (:subjects)",
                            Map.of("subjects", subjects),
                            (RowCallbackHandler) row -> keys.put(row.getString("user_id"), row.getBytes("key")));
        }
        List<StoredEvent> opened = new ArrayList<>();
        for (SealedEvent event : events) {
            try {
                ObjectNode payload =
                        codec.open(event.type(), event.payload(), subject -> Optional.ofNullable(keys.get(subject)));
                opened.add(new StoredEvent(
                        event.eventId(),
                        event.aggregateId(),
                        event.sequence(),
                        objectMapper.treeToValue(payload, event.type())));
            } catch (IOException | IllegalStateException e) {
                log.warn(
                        "Skipping stored event {} of type {}: unreadable payload",
                        event.globalIndex(),
                        event.type(),
                        e);
            }
        }
        return opened;
    }

    /** A stored event as it is stored: its personal data still sealed. */
    private record SealedEvent(
            String eventId,
            String aggregateId,
            long sequence,
            long globalIndex,
            Class<? extends Record> type,
            ObjectNode payload) {}

    /**
     * @param gaps for {@link #after}, the global indexes skipped; for {@link #at}, the ones found
     * @param position the global index to continue after
     */
    record Page(List<StoredEvent> events, List<Long> gaps, long position) {}
}
