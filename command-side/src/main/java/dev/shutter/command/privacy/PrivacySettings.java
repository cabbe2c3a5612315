package dev.shutter.command.privacy;

import dev.shutter.command.follow.Follows;
import dev.shutter.command.follow.PrivateAccounts;
import dev.shutter.command.user.ChangePrivacy;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes an account private or public: the {@code private_accounts} row, the User aggregate's event and, on the way
 * to public, the approval of every pending follow request are one transaction.
 */
@Service
class PrivacySettings {

    private final PrivateAccounts privateAccounts;
    private final Follows follows;
    private final CommandGateway commandGateway;
    private final Clock clock;

    PrivacySettings(PrivateAccounts privateAccounts, Follows follows, CommandGateway commandGateway, Clock clock) {
        this.privateAccounts = privateAccounts;
        this.follows = follows;
        this.commandGateway = commandGateway;
        this.clock = clock;
    }

    @Transactional
    void change(String userId, boolean privateAccount) {
        Instant at = clock.instant();
        privateAccounts.set(userId, privateAccount, at);
        commandGateway.sendAndWait(new ChangePrivacy(userId, privateAccount, at));
        if (!privateAccount) {
            follows.approveAllRequestsTo(userId);
        }
    }
}
