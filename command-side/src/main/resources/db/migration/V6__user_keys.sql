-- Crypto-shredding: each user's own key for the personal data their events carry (see PersonalDataCodec).
-- Deleting a user's row makes every personal field of every event about them unreadable, replays included.
CREATE TABLE user_keys (
    user_id VARCHAR(64) PRIMARY KEY,
    key BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
