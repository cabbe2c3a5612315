package dev.shutter.command.user;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code device_tokens} table: which account each FCM registration token belongs to. A token belongs to one
 * account at a time, which no single {@code User} aggregate can guarantee.
 */
@Repository
class DeviceTokens {

    private final JdbcClient jdbc;

    DeviceTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes the token the user's and answers whom it belonged to before, if anybody. The row stays locked until the
     * transaction ends, so two accounts claiming one token take turns.
     */
    Optional<String> claim(String token, String userId, String platform) {
        int inserted = jdbc.sql(
                        """
                        INSERT INTO device_tokens (token, user_id, platform) VALUES (?, ?, ?)
                        ON CONFLICT (token) DO NOTHING""")
                .params(token, userId, platform)
                .update();
        if (inserted == 1) {
            return Optional.empty();
        }
        String owner = jdbc.sql("SELECT user_id FROM device_tokens WHERE token = ? FOR UPDATE")
                .param(token)
                .query(String.class)
                .single();
        jdbc.sql("UPDATE device_tokens SET user_id = ?, platform = ?, registered_at = now() WHERE token = ?")
                .params(userId, platform, token)
                .update();
        return Optional.of(owner);
    }

    /** Forgets the token if it still belongs to the user; a token that moved on stays with its new owner. */
    void release(String token, String userId) {
        jdbc.sql("DELETE FROM device_tokens WHERE token = ? AND user_id = ?")
                .params(token, userId)
                .update();
    }
}
