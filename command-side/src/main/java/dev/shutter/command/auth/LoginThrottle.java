package dev.shutter.command.auth;

import dev.shutter.command.auth.LoginThrottleProperties.Limit;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brute-force protection in PostgreSQL, so every command-side instance sees the same counts. Wrong passwords are
 * counted per account and per client address; {@code maxFailures} of them within the window refuse every further
 * attempt with the key, right password or not, for a lockout that doubles with each lockout in a row up to
 * {@code maxLockout}, and is forgotten after {@code forgetAfter} without failures.
 *
 * <p>The per-account lockout is bounded (15 minutes by default) and refused attempts do not extend it: whoever wants
 * to keep a victim out must send fresh wrong passwords after every lockout, and those count against the attacker's
 * addresses too. A successful sign-in clears the account's count, never the address's.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final LoginThrottleProperties.LoginThrottle limits;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, TransactionTemplate transaction, LoginThrottleProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.limits = properties.loginThrottle();
        this.clock = clock;
    }

    /** Who is attempting: the account (its id, or the login typed when no account has it) and the client address. */
    record Attempt(String accountKey, String addressKey) {

        static Attempt of(Optional<String> userId, String login, String address) {
            return new Attempt(
                    userId.map(id -> "user:" + id).orElse("login:" + login.toLowerCase(Locale.ROOT)),
                    "address:" + address);
        }
    }

    /** Refuses the attempt while the account or the address is locked out. */
    void check(Attempt attempt) {
        Instant now = clock.instant();
        Optional<Instant> until = jdbc.sql(
                        """
                        SELECT blocked_until FROM login_throttles
                        WHERE throttle_key IN (?, ?) AND blocked_until > ?
                        ORDER BY blocked_until DESC LIMIT 1""")
                .params(attempt.accountKey(), attempt.addressKey(), Timestamp.from(now))
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
        if (until.isPresent()) {
            throw new TooManyAttemptsException(Duration.between(now, until.get()));
        }
    }

    void failed(Attempt attempt) {
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            count(attempt.accountKey(), limits.account(), now);
            count(attempt.addressKey(), limits.address(), now);
        });
    }

    void succeeded(Attempt attempt) {
        jdbc.sql("DELETE FROM login_throttles WHERE throttle_key = ?")
                .param(attempt.accountKey())
                .update();
    }

    private void count(String key, Limit limit, Instant now) {
        int inserted = jdbc.sql(
                        """
                        INSERT INTO login_throttles (throttle_key, failures, window_started_at, lockouts, last_failure_at)
                        VALUES (?, 0, ?, 0, ?) ON CONFLICT (throttle_key) DO NOTHING""")
                .params(key, Timestamp.from(now), Timestamp.from(now))
                .update();
        if (inserted > 0) {
            forgetIdle(now);
        }
        Result counter = jdbc.sql(
                        """
                        SELECT failures, window_started_at, lockouts, last_failure_at
                        FROM login_throttles WHERE throttle_key = ? FOR UPDATE""")
                .param(key)
                .query((rs, row) -> new Counter(
                        rs.getInt("failures"),
                        rs.getTimestamp("window_started_at").toInstant(),
                        rs.getInt("lockouts"),
                        rs.getTimestamp("last_failure_at").toInstant()))
                .single()
                .failedAt(now, limit, limits.forgetAfter());
        jdbc.sql(
                        """
                        UPDATE login_throttles
                        SET failures = ?, window_started_at = ?, lockouts = ?, blocked_until = ?, last_failure_at = ?
                        WHERE throttle_key = ?""")
                .params(
                        counter.failures(),
                        Timestamp.from(counter.windowStartedAt()),
                        counter.lockouts(),
                        counter.blockedUntil() == null ? null : Timestamp.from(counter.blockedUntil()),
                        Timestamp.from(now),
                        key)
                .update();
    }

    /** Rows of keys that failed long ago and are not locked out any more say nothing. */
    private void forgetIdle(Instant now) {
        Timestamp before = Timestamp.from(now.minus(limits.forgetAfter()));
        jdbc.sql(
                        """
                        DELETE FROM login_throttles
                        WHERE last_failure_at < ? AND (blocked_until IS NULL OR blocked_until < ?)""")
                .params(before, Timestamp.from(now))
                .update();
    }

    private record Counter(int failures, Instant windowStartedAt, int lockouts, Instant lastFailureAt) {

        Result failedAt(Instant now, Limit limit, Duration forgetAfter) {
            int lockoutsInARow = lastFailureAt.isBefore(now.minus(forgetAfter)) ? 0 : lockouts;
            boolean windowOver = !windowStartedAt.isAfter(now.minus(limit.window()));
            int counted = (windowOver ? 0 : failures) + 1;
            Instant windowStart = windowOver ? now : windowStartedAt;
            if (counted < limit.maxFailures()) {
                return new Result(counted, windowStart, lockoutsInARow, null);
            }
            return new Result(0, now, lockoutsInARow + 1, now.plus(lockout(limit, lockoutsInARow)));
        }

        private static Duration lockout(Limit limit, int previousLockouts) {
            Duration lockout = limit.lockout().multipliedBy(1L << Math.min(previousLockouts, 20));
            return lockout.compareTo(limit.maxLockout()) > 0 ? limit.maxLockout() : lockout;
        }
    }

    private record Result(int failures, Instant windowStartedAt, int lockouts, Instant blockedUntil) {}
}
