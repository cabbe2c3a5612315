package dev.shutter.platform.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Dead letters in the service's PostgreSQL database. The service's own migrations create the table (whatever a message's
 * headers hold fits: they are text):
 *
 * <pre>{@code
 * CREATE TABLE consumer_dead_letters (
 *     id                 VARCHAR(64) PRIMARY KEY,
 *     consumer           VARCHAR(128) NOT NULL,
 *     sequence_key       TEXT NOT NULL,
 *     aggregate_sequence BIGINT,
 *     position           BIGINT NOT NULL,
 *     event_id           TEXT,
 *     event_type         TEXT,
 *     reason             TEXT NOT NULL,
 *     attempts           INTEGER NOT NULL,
 *     parked_at          TIMESTAMPTZ NOT NULL,
 *     last_attempt_at    TIMESTAMPTZ NOT NULL,
 *     headers            TEXT NOT NULL,
 *     body               TEXT
 * );
 * CREATE INDEX consumer_dead_letters_sequence
 *     ON consumer_dead_letters (consumer, sequence_key, position);
 * }</pre>
 */
public final class JdbcDeadLetterStore implements DeadLetterStore {

    private static final TypeReference<Map<String, Object>> HEADERS = new TypeReference<>() {};
    private static final String COLUMNS = "id, consumer, sequence_key, aggregate_sequence, position, event_id,"
            + " event_type, reason, attempts, parked_at, last_attempt_at, headers, body";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public JdbcDeadLetterStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public boolean isParked(String consumer, String sequenceKey) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM consumer_dead_letters WHERE consumer = ? AND sequence_key = ?)",
                Boolean.class,
                consumer,
                sequenceKey));
    }

    @Override
    public void park(DeadLetter letter) {
        jdbc.update(
                "INSERT INTO consumer_dead_letters (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO NOTHING",
                letter.id(),
                letter.consumer(),
                letter.sequenceKey(),
                letter.aggregateSequence(),
                letter.position(),
                letter.eventId(),
                letter.eventType(),
                letter.reason(),
                letter.attempts(),
                Timestamp.from(letter.parkedAt()),
                Timestamp.from(letter.lastAttemptAt()),
                write(letter.headers()),
                letter.body());
    }

    @Override
    public List<DeadLetter> sequence(String consumer, String sequenceKey) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM consumer_dead_letters WHERE consumer = ? AND sequence_key = ?"
                        + " ORDER BY position",
                this::read,
                consumer,
                sequenceKey);
    }

    @Override
    public List<DeadLetter> list(String consumer, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM consumer_dead_letters WHERE consumer = ? ORDER BY position LIMIT ?",
                this::read,
                consumer,
                limit);
    }

    @Override
    public long count(String consumer) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM consumer_dead_letters WHERE consumer = ?", Long.class, consumer);
        return count == null ? 0 : count;
    }

    @Override
    public Optional<DeadLetter> find(String consumer, String id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM consumer_dead_letters WHERE consumer = ? AND id = ?",
                        this::read,
                        consumer,
                        id)
                .stream()
                .findFirst();
    }

    @Override
    public void update(DeadLetter letter) {
        jdbc.update(
                "UPDATE consumer_dead_letters SET reason = ?, attempts = ?, last_attempt_at = ?"
                        + " WHERE consumer = ? AND id = ?",
                letter.reason(),
                letter.attempts(),
                Timestamp.from(letter.lastAttemptAt()),
                letter.consumer(),
                letter.id());
    }

    @Override
    public void delete(String consumer, String id) {
        jdbc.update("DELETE FROM consumer_dead_letters WHERE consumer = ? AND id = ?", consumer, id);
    }

    @Override
    public long forget(String consumer, String userId) {
        return jdbc.update(
                "DELETE FROM consumer_dead_letters WHERE consumer = ? AND (sequence_key = ? OR strpos(body, ?) > 0)",
                consumer,
                userId,
                userId);
    }

    private DeadLetter read(ResultSet row, int rowNumber) throws SQLException {
        long sequenceNumber = row.getLong("aggregate_sequence");
        Long aggregateSequence = row.wasNull() ? null : sequenceNumber;
        return new DeadLetter(
                row.getString("id"),
                row.getString("consumer"),
                row.getString("sequence_key"),
                aggregateSequence,
                row.getLong("position"),
                row.getString("event_id"),
                row.getString("event_type"),
                row.getString("reason"),
                row.getInt("attempts"),
                row.getTimestamp("parked_at").toInstant(),
                row.getTimestamp("last_attempt_at").toInstant(),
                readHeaders(row.getString("headers")),
                row.getString("body"));
    }

    private String write(Map<String, Object> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Headers cannot be written as JSON", e);
        }
    }

    private Map<String, Object> readHeaders(String text) {
        try {
            return json.readValue(text, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored headers are not JSON", e);
        }
    }
}
