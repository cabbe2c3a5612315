-- Messages the command side's ordered consumers (command-side.media, command-side.devices) could not handle, parked
-- in the sequence of their aggregate until an operator retries or drops them (/api/admin/consumers/...). The
-- platform's JdbcDeadLetterStore reads and writes this table.
CREATE TABLE consumer_dead_letters (
    id                 VARCHAR(64) PRIMARY KEY,
    consumer           VARCHAR(128) NOT NULL,
    sequence_key       TEXT NOT NULL,
    aggregate_sequence BIGINT,
    position           BIGINT NOT NULL,
    event_id           TEXT,
    event_type         TEXT,
    reason             TEXT NOT NULL,
    attempts           INTEGER NOT NULL,
    parked_at          TIMESTAMPTZ NOT NULL,
    last_attempt_at    TIMESTAMPTZ NOT NULL,
    headers            TEXT NOT NULL,
    body               TEXT
);
CREATE INDEX consumer_dead_letters_sequence
    ON consumer_dead_letters (consumer, sequence_key, position);
