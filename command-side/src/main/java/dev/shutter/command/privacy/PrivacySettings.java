package dev.shutter.command.privacy;

import dev.shutter.command.follow.FollowRequestApprovals;
import dev.shutter.command.follow.PrivateAccounts;
import dev.shutter.command.user.ChangePrivacy;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes an account private or public: the {@code private_accounts} row and the User aggregate's event are one
 * transaction. On the way to public the same transaction records the switch, and the pending follow requests are
 * approved after it in batches of their own (see {@link FollowRequestApprovals}).
 */
@Service
class PrivacySettings {

    private final PrivateAccounts privateAccounts;
    private final FollowRequestApprovals approvals;
    private final CommandGateway commandGateway;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PrivacySettings(
            PrivateAccounts privateAccounts,
            FollowRequestApprovals approvals,
            CommandGateway commandGateway,
            TransactionTemplate transaction,
            Clock clock) {
        this.privateAccounts = privateAccounts;
        this.approvals = approvals;
        this.commandGateway = commandGateway;
        this.transaction = transaction;
        this.clock = clock;
    }

    void change(String userId, boolean privateAccount) {
        transaction.executeWithoutResult(status -> {
            Instant at = clock.instant();
            privateAccounts.set(userId, privateAccount, at);
            commandGateway.sendAndWait(new ChangePrivacy(userId, privateAccount, at));
            if (!privateAccount) {
                approvals.switchedToPublic(userId, at);
            }
        });
        if (!privateAccount) {
            approvals.approvePending(userId);
        }
    }
}
