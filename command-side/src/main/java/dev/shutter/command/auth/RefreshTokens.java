package dev.shutter.command.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refresh tokens: 256 random bits, stored only as their SHA-256 hash, grouped in families (one per sign-in). Every
 * refresh spends the presented token and issues the next one of the family. A spent token presented again means a
 * copy exists somewhere, so the whole family is revoked, the newest token included.
 *
 * <p>Two refreshes racing with the same token: the conditional update ({@code spent_at IS NULL}) lets exactly one
 * spend it; PostgreSQL makes the other wait for the winner's commit, find the token spent, and count as reuse.
 */
@Repository
class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final JwtProperties properties;
    private final Clock clock;

    RefreshTokens(JdbcClient jdbc, TransactionTemplate transaction, JwtProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    record Issued(String token, Instant expiresAt) {}

    /** What a refresh leads to; a revocation must be committed before the caller answers with an error. */
    sealed interface Rotation {
        record Rotated(String userId, Issued next) implements Rotation {}

        record Invalid() implements Rotation {}

        record Reused() implements Rotation {}
    }

    /** A new family for a fresh sign-in; the user's dead families are cleared on the way. */
    Issued startFamily(String userId) {
        return transaction.execute(status -> {
            Instant now = clock.instant();
            jdbc.sql("DELETE FROM refresh_token_families WHERE user_id = ? AND expires_at < ?")
                    .params(userId, Timestamp.from(now))
                    .update();
            String familyId = UUID.randomUUID().toString();
            Issued issued = newToken(now);
            jdbc.sql(
                            """
                            INSERT INTO refresh_token_families (family_id, user_id, created_at, expires_at)
                            VALUES (?, ?, ?, ?)""")
                    .params(familyId, userId, Timestamp.from(now), Timestamp.from(issued.expiresAt()))
                    .update();
            insert(familyId, issued, now);
            return issued;
        });
    }

    Rotation rotate(String presented) {
        String hash = hash(presented);
        return transaction.execute(status -> {
            Instant now = clock.instant();
            Optional<Presented> found = jdbc.sql(
                            """
                            SELECT t.family_id, t.expires_at, f.user_id, f.revoked_at
                            FROM refresh_tokens t JOIN refresh_token_families f ON f.family_id = t.family_id
                            WHERE t.token_hash = ?""")
                    .param(hash)
                    .query((rs, row) -> new Presented(
                            rs.getString("family_id"),
                            rs.getString("user_id"),
                            rs.getTimestamp("expires_at").toInstant(),
                            rs.getTimestamp("revoked_at") != null))
                    .optional();
            if (found.isEmpty()
                    || found.get().revoked()
                    || !found.get().expiresAt().isAfter(now)) {
                return new Rotation.Invalid();
            }
            Presented token = found.get();
            int spent = jdbc.sql("UPDATE refresh_tokens SET spent_at = ? WHERE token_hash = ? AND spent_at IS NULL")
                    .params(Timestamp.from(now), hash)
                    .update();
            if (spent == 0) {
                revokeFamily(token.familyId(), "REUSE", now);
                return new Rotation.Reused();
            }
            Issued next = newToken(now);
            insert(token.familyId(), next, now);
            jdbc.sql("UPDATE refresh_token_families SET expires_at = ? WHERE family_id = ?")
                    .params(Timestamp.from(next.expiresAt()), token.familyId())
                    .update();
            return new Rotation.Rotated(token.userId(), next);
        });
    }

    /** Ends the session the token belongs to, whether the token is spent or not; unknown tokens change nothing. */
    void revokeFamilyOf(String presented) {
        Instant now = clock.instant();
        jdbc.sql(
                        """
                        UPDATE refresh_token_families SET revoked_at = ?, revoked_reason = 'LOGOUT'
                        WHERE revoked_at IS NULL
                          AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = ?)""")
                .params(Timestamp.from(now), hash(presented))
                .update();
    }

    /** Ends every session of the user; joins the caller's transaction. */
    void revokeAllOf(String userId, String reason) {
        jdbc.sql(
                        """
                        UPDATE refresh_token_families SET revoked_at = ?, revoked_reason = ?
                        WHERE user_id = ? AND revoked_at IS NULL""")
                .params(Timestamp.from(clock.instant()), reason, userId)
                .update();
    }

    private void revokeFamily(String familyId, String reason, Instant now) {
        jdbc.sql(
                        """
                        UPDATE refresh_token_families SET revoked_at = ?, revoked_reason = ?
                        WHERE family_id = ? AND revoked_at IS NULL""")
                .params(Timestamp.from(now), reason, familyId)
                .update();
    }

    private Issued newToken(Instant now) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new Issued(
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret), now.plus(properties.refreshTokenTtl()));
    }

    private void insert(String familyId, Issued issued, Instant now) {
        jdbc.sql(
                        """
                        INSERT INTO refresh_tokens (token_hash, family_id, issued_at, expires_at)
                        VALUES (?, ?, ?, ?)""")
                .params(hash(issued.token()), familyId, Timestamp.from(now), Timestamp.from(issued.expiresAt()))
                .update();
    }

    /** The tokens carry 256 random bits, so a plain SHA-256 suffices: there is nothing to guess or precompute. */
    static String hash(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private record Presented(String familyId, String userId, Instant expiresAt, boolean revoked) {}
}
