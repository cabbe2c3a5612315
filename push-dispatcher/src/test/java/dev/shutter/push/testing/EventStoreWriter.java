package dev.shutter.push.testing;

import dev.shutter.devstack.infra.JdbcDatabase;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Writes events into a test event store shaped like the command side's ({@code domain_event_entry}), the way Axon
 * appends them, with global indexes handed out here so a test can leave a gap that a late transaction fills.
 */
public final class EventStoreWriter {

    private final JdbcTemplate jdbc;
    private final AtomicLong lastIndex = new AtomicLong();

    public EventStoreWriter(JdbcDatabase database) {
        this.jdbc =
                new JdbcTemplate(new DriverManagerDataSource(database.url(), database.username(), database.password()));
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
                json,
                "{}".getBytes());
    }
}
