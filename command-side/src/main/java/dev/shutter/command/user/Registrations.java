package dev.shutter.command.user;

import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers accounts. The {@code accounts} row and the {@code UserRegistered} event are written in
 * one database transaction (Axon's unit of work joins the Spring transaction), so a username or
 * e-mail conflict leaves neither behind.
 */
@Service
public class Registrations {

    static final String USER_SCOPES = "user";

    private final Accounts accounts;
    private final PasswordEncoder passwordEncoder;
    private final CommandGateway commandGateway;
    private final Clock clock;

    Registrations(Accounts accounts, PasswordEncoder passwordEncoder, CommandGateway commandGateway, Clock clock) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.commandGateway = commandGateway;
        this.clock = clock;
    }

    @Transactional
    public Account register(NewAccount request, String scopes) {
        if (accounts.usernameTaken(request.username())) {
            throw new UsernameTakenException(request.username());
        }
        if (accounts.emailTaken(request.email())) {
            throw new EmailTakenException(request.email());
        }
        Account account = new Account(
                UUID.randomUUID().toString(),
                request.username(),
                request.email(),
                passwordEncoder.encode(request.password()),
                scopes);
        accounts.add(account);
        commandGateway.sendAndWait(new RegisterUser(
                account.userId(), account.username(), account.email(), request.displayName(), clock.instant()));
        return account;
    }

    public Account register(NewAccount request) {
        return register(request, USER_SCOPES);
    }
}
