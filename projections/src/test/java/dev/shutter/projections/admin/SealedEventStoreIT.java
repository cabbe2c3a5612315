package dev.shutter.projections.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shutter.devstack.infra.JdbcDatabase;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.personal.PersonalDataCodec;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.projections.view.EventEnvelope;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A rebuild reads events whose personal data the command side stored sealed: fields open with their user's key, and
 * read as null once the key is gone - a deleted account comes back from no replay.
 */
class SealedEventStoreIT {

    private static final Instant AT = Instant.parse("2026-11-01T10:00:00Z");

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final PersonalDataCodec codec = new PersonalDataCodec(json);
    private JdbcTemplate jdbc;

    @BeforeEach
    void eventStore() {
        JdbcDatabase database = TestInfrastructure.postgres().freshDatabase("projections_sealed");
        jdbc = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.username(), database.password()));
        jdbc.execute("create table domain_event_entry (global_index bigserial primary key,"
                + " event_identifier varchar(255) not null unique, aggregate_identifier varchar(255) not null,"
                + " sequence_number bigint not null, type varchar(255), time_stamp varchar(255) not null,"
                + " payload_type varchar(255) not null, payload_revision varchar(255), payload bytea not null,"
                + " meta_data bytea)");
        jdbc.execute("create table user_keys (user_id varchar(64) primary key, key bytea not null)");
    }

    @Test
    void opensWhatAKeyStillOpensAndLeavesTheRestNull() throws Exception {
        byte[] aliceKey = PersonalDataCodec.newKey();
        byte[] bobKey = PersonalDataCodec.newKey();
        jdbc.update("insert into user_keys (user_id, key) values (?, ?)", "alice", aliceKey);
        store(
                1,
                "alice",
                UserRegistered.class,
                sealed(new UserRegistered("alice", "alice", "a@example.com", "Alice", AT), aliceKey));
        store(
                2,
                "bob",
                UserRegistered.class,
                sealed(new UserRegistered("bob", "bob", "b@example.com", "Bob", AT), bobKey));
        store(3, "post-1", PostLiked.class, json.valueToTree(new PostLiked("post-1", "bob", AT)));

        EventStore.Page page = new EventStore(jdbc, json).after(0, 10);

        assertThat(page.position()).isEqualTo(3);
        assertThat(page.events())
                .extracting(EventEnvelope::payload)
                .containsExactly(
                        new UserRegistered("alice", "alice", "a@example.com", "Alice", AT),
                        new UserRegistered("bob", null, null, null, AT),
                        new PostLiked("post-1", "bob", AT));
    }

    private ObjectNode sealed(UserRegistered event, byte[] key) {
        return codec.seal(UserRegistered.class, json.valueToTree(event), subject -> key);
    }

    private void store(long globalIndex, String aggregateId, Class<?> type, ObjectNode payload) throws Exception {
        jdbc.update(
                "insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,"
                        + " type, time_stamp, payload_type, payload) values (?, ?, ?, 0, 'User', ?, ?, ?)",
                globalIndex,
                UUID.randomUUID().toString(),
                aggregateId,
                AT.toString(),
                type.getName(),
                json.writeValueAsBytes(payload));
    }
}
