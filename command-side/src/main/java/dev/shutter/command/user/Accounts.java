package dev.shutter.command.user;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The set of accounts, the command side's lookup table for set-based rules: usernames and e-mail
 * addresses are unique regardless of case, which no single aggregate can guarantee.
 */
@Repository
public class Accounts {

    static final String USERNAME_CONSTRAINT = "accounts_username_lower_key";
    static final String EMAIL_CONSTRAINT = "accounts_email_lower_key";

    private static final RowMapper<Account> ACCOUNT = (rs, row) -> new Account(
            rs.getString("user_id"),
            rs.getString("username"),
            rs.getString("email"),
            rs.getString("password_hash"),
            rs.getString("scopes"));

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(String userId) {
        return jdbc.sql("SELECT count(*) FROM accounts WHERE user_id = ?")
                        .param(userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    boolean usernameTaken(String username) {
        return jdbc.sql("SELECT count(*) FROM accounts WHERE username_lower = ?")
                        .param(lower(username))
                        .query(Long.class)
                        .single()
                > 0;
    }

    boolean emailTaken(String email) {
        return jdbc.sql("SELECT count(*) FROM accounts WHERE email_lower = ?")
                        .param(lower(email))
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Whether an account other than {@code userId} has the username, in any case. */
    boolean usernameTakenByAnother(String username, String userId) {
        return jdbc.sql("SELECT count(*) FROM accounts WHERE username_lower = ? AND user_id <> ?")
                        .params(lower(username), userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Gives the account its new username. As with {@link #add}, the unique constraint decides between two
     * concurrent claims of one name; the loser gets the typed exception and its transaction must roll back.
     */
    void rename(String userId, String username) {
        try {
            jdbc.sql("UPDATE accounts SET username = ?, username_lower = ? WHERE user_id = ?")
                    .params(username, lower(username), userId)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new UsernameTakenException(username);
        }
    }

    /**
     * The ids of the accounts with those usernames, in one query, keyed by the lower-cased username;
     * names of no account are absent.
     */
    public Map<String, String> userIdsByUsername(Collection<String> usernames) {
        Map<String, String> ids = new HashMap<>();
        if (usernames.isEmpty()) {
            return ids;
        }
        List<String> lower = usernames.stream().map(Accounts::lower).distinct().toList();
        jdbc.sql("SELECT user_id, username_lower FROM accounts WHERE username_lower IN (:names)")
                .param("names", lower)
                .query(rs -> {
                    ids.put(rs.getString("username_lower"), rs.getString("user_id"));
                });
        return ids;
    }

    /** The account whose username or e-mail address is {@code login}, ignoring case. */
    Optional<Account> findByLogin(String login) {
        return jdbc.sql("SELECT * FROM accounts WHERE username_lower = :login OR email_lower = :login")
                .param("login", lower(login))
                .query(ACCOUNT)
                .optional();
    }

    /**
     * Adds the account. The unique constraints decide between two concurrent registrations of the
     * same name; the loser gets the typed exception and its transaction must roll back.
     */
    void add(Account account) {
        try {
            jdbc.sql(
                            """
                            INSERT INTO accounts (user_id, username, username_lower, email, email_lower, password_hash, scopes)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            account.userId(),
                            account.username(),
                            lower(account.username()),
                            account.email(),
                            lower(account.email()),
                            account.passwordHash(),
                            account.scopes())
                    .update();
        } catch (DuplicateKeyException e) {
            String reason = String.valueOf(e.getMostSpecificCause().getMessage());
            if (reason.contains(EMAIL_CONSTRAINT)) {
                throw new EmailTakenException(account.email());
            }
            throw new UsernameTakenException(account.username());
        }
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
