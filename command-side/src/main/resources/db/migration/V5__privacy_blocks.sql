-- Set-based rules of privacy, each table written in the same transaction as the events it mirrors.

-- Accounts whose followers need approval (AccountPrivacyChanged).
CREATE TABLE private_accounts (
    user_id VARCHAR(64) PRIMARY KEY,
    since TIMESTAMPTZ NOT NULL
);

-- Follow requests still pending (FollowRequested, until approved, declined or withdrawn).
CREATE TABLE follow_requests (
    followee_id VARCHAR(64) NOT NULL,
    follower_id VARCHAR(64) NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (followee_id, follower_id)
);

-- Who blocks whom (UserBlocked, until UserUnblocked).
CREATE TABLE blocks (
    blocker_id VARCHAR(64) NOT NULL,
    blocked_id VARCHAR(64) NOT NULL,
    blocked_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX blocks_blocked_id ON blocks (blocked_id);
