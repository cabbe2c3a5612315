-- Crypto-shredding: each user's own key for the personal data their events carry (see PersonalDataCodec).
-- Deleting a user's row makes every personal field of every event about them unreadable, replays included.
CREATE TABLE user_keys (
    user_id VARCHAR(64) PRIMARY KEY,
    key BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Accounts deleted within the lifetime of an access token: the command side refuses their tokens, so nothing new
-- is done in the name of a deleted account. A user id is a random UUID that no longer leads to anyone.
CREATE TABLE deleted_accounts (
    user_id VARCHAR(64) PRIMARY KEY,
    deleted_at TIMESTAMPTZ NOT NULL
);
