package dev.shutter.push.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shutter.devstack.infra.JdbcDatabase;
import dev.shutter.events.personal.PersonalDataCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Writes events into a test event store shaped like the command side's ({@code domain_event_entry}), the way Axon
 * appends them, with global indexes handed out here so a test can leave a gap that a late transaction fills. Personal
 * data is stored sealed with each user's own key ({@code user_keys}), as the command side stores it, so destroying a
 * user's key erases it from every later read of the store.
 */
public final class EventStoreWriter {

    private final JdbcTemplate jdbc;
    private final AtomicLong lastIndex = new AtomicLong();
    private final ObjectMapper objectMapper = new ObjectMapper();
    private final PersonalDataCodec codec = new PersonalDataCodec(objectMapper);

    public EventStoreWriter(JdbcDatabase database) {
        this.jdbc =
                new JdbcTemplate(new DriverManagerDataSource(database.url(), database.username(), database.password()));
        jdbc.execute("create table if not exists user_keys (user_id varchar(64) primary key, key bytea not null)");
        jdbc.execute("create table if not exists domain_event_entry ("
                + " global_index bigserial primary key,"
                + " event_identifier varchar(255) not null unique,"
                + " aggregate_identifier varchar(255) not null,"
                + " sequence_number bigint not null,"
                + " type varchar(255),"
                + " time_stamp varchar(255) not null,"
                + " payload_type varchar(255) not null,"
                + " payload_revision varchar(255),"
                + " payload bytea not null,"
                + " meta_data bytea,"
                + " unique (aggregate_identifier, sequence_number))");
    }

    /** The next global index, left unused for now: a gap. */
    public long skipIndex() {
        return lastIndex.incrementAndGet();
    }

    /** Stores the event at the next global index and returns it. */
    public long append(
            String eventId, String aggregateId, long sequence, String aggregateType, Record event, byte[] json) {
        long index = lastIndex.incrementAndGet();
        appendAt(index, eventId, aggregateId, sequence, aggregateType, event, json);
        return index;
    }

    /** Stores the event at a global index skipped before. */
    public void appendAt(
            long index,
            String eventId,
            String aggregateId,
            long sequence,
            String aggregateType,
            Record event,
            byte[] json) {
        jdbc.update(
                "insert into domain_event_entry (global_index, event_identifier, aggregate_identifier,"
                        + " sequence_number, type, time_stamp, payload_type, payload, meta_data)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                index,
                eventId,
                aggregateId,
                sequence,
                aggregateType,
                java.time.Instant.now().toString(),
                event.getClass().getName(),
                sealed(event, json),
                "{}".getBytes());
    }

    /** The stored payloads of the aggregate's events, as the event store holds them. */
    public List<String> payloadsOf(String aggregateId) {
        return jdbc
                .queryForList(
                        "select payload from domain_event_entry where aggregate_identifier = ? order by sequence_number",
                        byte[].class,
                        aggregateId)
                .stream()
                .map(payload -> new String(payload, StandardCharsets.UTF_8))
                .toList();
    }

    /** Destroys the user's key, as the command side does once the user deleted their account. */
    public void destroyKey(String userId) {
        jdbc.update("delete from user_keys where user_id = ?", userId);
    }

    private byte[] sealed(Record event, byte[] plain) {
        try {
            ObjectNode payload = (ObjectNode) objectMapper.readTree(plain);
            return objectMapper.writeValueAsBytes(codec.seal(event.getClass(), payload, this::keyOf));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] keyOf(String userId) {
        jdbc.update(
                "insert into user_keys (user_id, key) values (?, ?) on conflict (user_id) do nothing",
                userId,
                PersonalDataCodec.newKey());
        return jdbc.queryForObject("select key from user_keys where user_id = ?", byte[].class, userId);
    }
}
