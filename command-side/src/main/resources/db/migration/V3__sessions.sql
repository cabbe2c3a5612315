-- Sessions: a refresh token family starts at each sign-in; every refresh spends its token and
-- issues the next one of the family. Tokens are stored only as SHA-256 hashes.
CREATE TABLE refresh_token_families (
    family_id VARCHAR(36) PRIMARY KEY,
    user_id VARCHAR(64) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    -- When the newest token of the family expires; a family past it is dead and can be deleted.
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ,
    -- LOGOUT, REUSE (a spent token came back) or PASSWORD_CHANGED.
    revoked_reason VARCHAR(16)
);
CREATE INDEX refresh_token_families_user_id ON refresh_token_families (user_id);

CREATE TABLE refresh_tokens (
    token_hash CHAR(64) PRIMARY KEY,
    family_id VARCHAR(36) NOT NULL REFERENCES refresh_token_families (family_id) ON DELETE CASCADE,
    issued_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    spent_at TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_family_id ON refresh_tokens (family_id);

-- Brute-force protection: failed password checks per account ('user:<id>' or 'login:<login>')
-- and per client address ('address:<ip>'), shared by every command-side instance.
CREATE TABLE login_throttles (
    throttle_key VARCHAR(300) PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_started_at TIMESTAMPTZ NOT NULL,
    lockouts INTEGER NOT NULL,
    blocked_until TIMESTAMPTZ,
    last_failure_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_throttles_last_failure_at ON login_throttles (last_failure_at);
