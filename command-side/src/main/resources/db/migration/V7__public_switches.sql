-- Switches to public whose pending follow requests are still being approved, in batches (FollowRequestApprovals):
-- written in the same transaction as the AccountPrivacyChanged, removed once no request from before switched_at is left.
CREATE TABLE public_switches (
    user_id VARCHAR(64) PRIMARY KEY,
    switched_at TIMESTAMPTZ NOT NULL
);

-- An account's pending requests oldest first, as the batches take them.
CREATE INDEX follow_requests_by_age ON follow_requests (followee_id, requested_at, follower_id);
