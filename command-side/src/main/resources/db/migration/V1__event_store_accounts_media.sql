-- Axon JDBC event store, as PostgresEventTableFactory and PostgresTokenTableFactory define it,
-- with snake_case names (see EventStoreConfiguration).
CREATE TABLE domain_event_entry (
    global_index BIGSERIAL NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number BIGINT NOT NULL,
    type VARCHAR(255),
    event_identifier VARCHAR(255) NOT NULL,
    meta_data BYTEA,
    payload BYTEA NOT NULL,
    payload_revision VARCHAR(255),
    payload_type VARCHAR(255) NOT NULL,
    time_stamp VARCHAR(255) NOT NULL,
    PRIMARY KEY (global_index),
    UNIQUE (aggregate_identifier, sequence_number),
    UNIQUE (event_identifier)
);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number BIGINT NOT NULL,
    type VARCHAR(255) NOT NULL,
    event_identifier VARCHAR(255) NOT NULL,
    meta_data BYTEA,
    payload BYTEA NOT NULL,
    payload_revision VARCHAR(255),
    payload_type VARCHAR(255) NOT NULL,
    time_stamp VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregate_identifier, sequence_number),
    UNIQUE (event_identifier)
);

CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment INTEGER NOT NULL,
    token BYTEA NULL,
    token_type VARCHAR(255) NULL,
    timestamp VARCHAR(255) NULL,
    owner VARCHAR(255) NULL,
    PRIMARY KEY (processor_name, segment)
);

-- Set-based validation: usernames and e-mail addresses are unique regardless of case.
CREATE TABLE accounts (
    user_id VARCHAR(64) PRIMARY KEY,
    username VARCHAR(30) NOT NULL,
    username_lower VARCHAR(30) NOT NULL,
    email VARCHAR(254) NOT NULL,
    email_lower VARCHAR(254) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    scopes VARCHAR(255) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT accounts_username_lower_key UNIQUE (username_lower),
    CONSTRAINT accounts_email_lower_key UNIQUE (email_lower)
);

-- Photos media-uploader has stored, learnt from MediaStored events.
CREATE TABLE media (
    media_id VARCHAR(64) PRIMARY KEY,
    owner_id VARCHAR(64) NOT NULL,
    stored_at TIMESTAMPTZ NOT NULL
);
