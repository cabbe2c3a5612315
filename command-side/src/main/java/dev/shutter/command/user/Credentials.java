package dev.shutter.command.user;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Passwords of the accounts: checks a login (username or e-mail, any case) and password against the stored bcrypt
 * hash, and replaces the hash when the user changes the password.
 */
@Component
public class Credentials {

    private final Accounts accounts;
    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;
    private final String unknownAccountHash;

    Credentials(Accounts accounts, JdbcClient jdbc, PasswordEncoder passwordEncoder) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.unknownAccountHash = passwordEncoder.encode("no account has this password");
    }

    public Optional<Account> verify(String login, String password) {
        Optional<Account> account = accounts.findByLogin(login);
        // An unknown login still costs one bcrypt check, so timing does not reveal which logins exist.
        String hash = account.map(Account::passwordHash).orElse(unknownAccountHash);
        boolean matches = passwordEncoder.matches(password, hash);
        return matches ? account : Optional.empty();
    }

    /** The id of the account whose username or e-mail address is {@code login}, ignoring case. */
    public Optional<String> userIdOf(String login) {
        return accounts.findByLogin(login).map(Account::userId);
    }

    public Optional<Account> account(String userId) {
        return jdbc.sql("SELECT user_id, username, email, password_hash, scopes FROM accounts WHERE user_id = ?")
                .param(userId)
                .query((rs, row) -> new Account(
                        rs.getString("user_id"),
                        rs.getString("username"),
                        rs.getString("email"),
                        rs.getString("password_hash"),
                        rs.getString("scopes")))
                .optional();
    }

    public boolean matches(Account account, String password) {
        return passwordEncoder.matches(password, account.passwordHash());
    }

    /** Stores the hash of the new password; joins the caller's transaction. */
    public void changePassword(String userId, String newPassword) {
        jdbc.sql("UPDATE accounts SET password_hash = ? WHERE user_id = ?")
                .params(passwordEncoder.encode(newPassword), userId)
                .update();
    }
}
