package dev.shutter.command.auth;

import dev.shutter.command.user.Account;
import dev.shutter.command.user.RecordSignIn;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records each successful sign-in on the user's aggregate ({@code UserSignedIn}) without holding up the token answer:
 * the command is sent, not awaited, and a failure to record it is logged, never turned into a failed sign-in.
 */
@Component
class SignIns {

    private static final Logger log = LoggerFactory.getLogger(SignIns.class);

    private final CommandGateway commandGateway;
    private final Clock clock;

    SignIns(CommandGateway commandGateway, Clock clock) {
        this.commandGateway = commandGateway;
        this.clock = clock;
    }

    void record(Account account) {
        commandGateway.send(new RecordSignIn(account.userId(), clock.instant())).whenComplete((result, failure) -> {
            if (failure != null) {
                log.warn("Could not record the sign-in of user {}", account.userId(), failure);
            }
        });
    }
}
