package dev.shutter.command.auth;

import dev.shutter.command.auth.LoginThrottle.Attempt;
import dev.shutter.command.user.Account;
import dev.shutter.command.user.Credentials;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Password checks behind the brute-force limits: refused while locked out, every wrong password counted. */
@Service
public class Logins {

    private final Credentials credentials;
    private final LoginThrottle throttle;

    Logins(Credentials credentials, LoginThrottle throttle) {
        this.credentials = credentials;
        this.throttle = throttle;
    }

    Account signIn(String login, String password, String clientAddress) {
        Attempt attempt = Attempt.of(credentials.userIdOf(login), login, clientAddress);
        throttle.check(attempt);
        Optional<Account> account = credentials.verify(login, password);
        if (account.isEmpty()) {
            throttle.failed(attempt);
            throw new BadCredentialsException();
        }
        throttle.succeeded(attempt);
        return account.get();
    }

    /**
     * Confirms the password of a signed-in user. A stolen access token must not become a way around the limits, so
     * this counts against the same account and address as sign-in does.
     */
    public Account confirm(String userId, String password, String clientAddress) {
        Account account = credentials.account(userId).orElseThrow(WrongPasswordException::new);
        Attempt attempt = Attempt.of(Optional.of(userId), account.username(), clientAddress);
        throttle.check(attempt);
        if (!credentials.matches(account, password)) {
            throttle.failed(attempt);
            throw new WrongPasswordException();
        }
        throttle.succeeded(attempt);
        return account;
    }
}
