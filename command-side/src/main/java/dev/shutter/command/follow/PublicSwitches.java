package dev.shutter.command.follow;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The switches to public whose pending follow requests are not all approved yet ({@code public_switches}). */
@Repository
class PublicSwitches {

    private final JdbcClient jdbc;

    PublicSwitches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a switch; after an earlier one still under way, the later instant counts. */
    void add(String userId, Instant at) {
        jdbc.sql(
                        """
                        INSERT INTO public_switches (user_id, switched_at) VALUES (?, ?)
                        ON CONFLICT (user_id) DO UPDATE
                        SET switched_at = GREATEST(public_switches.switched_at, EXCLUDED.switched_at)""")
                .params(userId, Timestamp.from(at))
                .update();
    }

    Optional<Instant> of(String userId) {
        return jdbc.sql("SELECT switched_at FROM public_switches WHERE user_id = ?")
                .param(userId)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    /** Removes the switch of that instant; a later switch recorded meanwhile stays. */
    void remove(String userId, Instant at) {
        jdbc.sql("DELETE FROM public_switches WHERE user_id = ? AND switched_at = ?")
                .params(userId, Timestamp.from(at))
                .update();
    }

    List<String> users() {
        return jdbc.sql("SELECT user_id FROM public_switches ORDER BY switched_at")
                .query(String.class)
                .list();
    }

    /**
     * Whether this transaction may work on the user's switch: another one working on it holds the lock until it ends.
     */
    boolean tryLock(String userId) {
        return Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext(?))")
                .param("public-switch:" + userId)
                .query(Boolean.class)
                .single());
    }
}
