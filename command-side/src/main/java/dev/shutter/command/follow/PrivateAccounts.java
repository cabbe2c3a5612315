package dev.shutter.command.follow;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The private accounts, the command side's lookup table of who must approve their followers, written in the same
 * transaction as the User aggregate's {@code AccountPrivacyChanged}. Reading an account's setting waits for a change
 * of it that is under way, so a follow request never slips past a switch to public that approves the pending ones.
 */
@Repository
public class PrivateAccounts {

    private final JdbcClient jdbc;

    PrivateAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isPrivate(String userId) {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(hashtext(?))")
                .param(lockKey(userId))
                .query()
                .listOfRows();
        return jdbc.sql("SELECT count(*) FROM private_accounts WHERE user_id = ?")
                        .param(userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Records the setting; the lock it takes lasts until the transaction ends. */
    public void set(String userId, boolean privateAccount, Instant at) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))")
                .param(lockKey(userId))
                .query()
                .listOfRows();
        if (privateAccount) {
            jdbc.sql("INSERT INTO private_accounts (user_id, since) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING")
                    .params(userId, Timestamp.from(at))
                    .update();
        } else {
            jdbc.sql("DELETE FROM private_accounts WHERE user_id = ?")
                    .param(userId)
                    .update();
        }
    }

    private static String lockKey(String userId) {
        return "privacy:" + userId;
    }
}
