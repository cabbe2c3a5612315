package dev.shutter.command.personal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shutter.events.personal.PersonalDataCodec;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each user's own key for the personal data of their events ({@code user_keys}). A key is created in a transaction of
 * its own and committed before any event is sealed with it, so no rolled-back command can leave events sealed with a
 * key that was never stored. Keys are cached for a few minutes: an instance that did not destroy a key itself stops
 * using it within that time.
 */
@Repository
public class UserKeys {

    private static final Duration CACHED_FOR = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Cache<String, byte[]> cache = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(CACHED_FOR)
            .build();

    UserKeys(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The user's key, or empty when the user never had one or it was destroyed. */
    public Optional<byte[]> keyOf(String userId) {
        byte[] cached = cache.getIfPresent(userId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<byte[]> stored = load(userId);
        stored.ifPresent(key -> cache.put(userId, key));
        return stored;
    }

    /** The user's key, created (and committed) when the user has none yet. */
    public byte[] keyFor(String userId) {
        return keyOf(userId).orElseGet(() -> {
            byte[] key = ownTransaction.execute(status -> {
                jdbc.sql("INSERT INTO user_keys (user_id, key) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING")
                        .params(userId, PersonalDataCodec.newKey())
                        .update();
                return load(userId).orElseThrow();
            });
            cache.put(userId, key);
            return key;
        });
    }

    /**
     * Destroys the user's key in the caller's transaction: from its commit on, every personal field sealed with it is
     * gone for good.
     */
    public void destroy(String userId) {
        jdbc.sql("DELETE FROM user_keys WHERE user_id = ?").param(userId).update();
        cache.invalidate(userId);
    }

    private Optional<byte[]> load(String userId) {
        return jdbc.sql("SELECT key FROM user_keys WHERE user_id = ?")
                .param(userId)
                .query(byte[].class)
                .optional();
    }
}
