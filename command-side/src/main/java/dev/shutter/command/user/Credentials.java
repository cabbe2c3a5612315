package dev.shutter.command.user;

import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Checks a login (username or e-mail, any case) and password against the stored bcrypt hash. */
@Component
public class Credentials {

    private final Accounts accounts;
    private final PasswordEncoder passwordEncoder;
    private final String unknownAccountHash;

    Credentials(Accounts accounts, PasswordEncoder passwordEncoder) {
        this.accounts = accounts;
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
}
