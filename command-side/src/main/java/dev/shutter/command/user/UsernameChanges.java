package dev.shutter.command.user;

import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes usernames. Like a registration, the {@code accounts} row and the {@code UsernameChanged} event are written
 * in one transaction, so a name another account holds (in any case) leaves neither behind. Changing only the case of
 * one's own name is allowed; the old name is free for others once the change is committed.
 */
@Service
class UsernameChanges {

    private final Accounts accounts;
    private final CommandGateway commandGateway;
    private final Clock clock;

    UsernameChanges(Accounts accounts, CommandGateway commandGateway, Clock clock) {
        this.accounts = accounts;
        this.commandGateway = commandGateway;
        this.clock = clock;
    }

    @Transactional
    public void change(String userId, String username) {
        if (accounts.usernameTakenByAnother(username, userId)) {
            throw new UsernameTakenException(username);
        }
        accounts.rename(userId, username);
        commandGateway.sendAndWait(new ChangeUsername(userId, username, clock.instant()));
    }
}
