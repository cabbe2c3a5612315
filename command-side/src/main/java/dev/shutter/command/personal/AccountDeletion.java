package dev.shutter.command.personal;

import dev.shutter.command.DomainException;
import dev.shutter.command.auth.Logins;
import dev.shutter.command.follow.Follows;
import dev.shutter.command.post.DeleteComment;
import dev.shutter.command.post.DeletePost;
import dev.shutter.command.post.UnlikePost;
import dev.shutter.command.user.DeleteAccount;
import dev.shutter.command.user.Devices;
import dev.shutter.platform.consumer.DeadLetterStore;
import dev.shutter.platform.consumer.OrderedConsumers;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes an account so that no store keeps the user's personal data. First everything the account did that others
 * see ends through the aggregates, each with its ordinary event, so every read model and service follows as it always
 * does: posts deleted (their photos with them), comments deleted, likes taken back, follows and requests ended in
 * both directions, devices removed. Then, in one transaction, the {@code User} aggregate emits {@code UserDeleted}, the
 * account's rows go (account, sessions, device tokens, privacy, requests, blocks, photos, the dead letters of the
 * command side's consumers that name the user) and the user's key is destroyed: the personal data of every event
 * about the user, in the event store and in any replay of it, is
 * unreadable from then on.
 *
 * <p>Each step can run again: a deletion cut off half way is finished by the next request, which still finds the
 * account and its password.
 */
@Service
class AccountDeletion {

    private static final List<String> ROWS_OF_THE_USER = List.of(
            "DELETE FROM refresh_token_families WHERE user_id = :user",
            "DELETE FROM login_throttles WHERE throttle_key = 'user:' || :user",
            "DELETE FROM device_tokens WHERE user_id = :user",
            "DELETE FROM private_accounts WHERE user_id = :user",
            "DELETE FROM public_switches WHERE user_id = :user",
            "DELETE FROM follow_requests WHERE follower_id = :user OR followee_id = :user",
            "DELETE FROM blocks WHERE blocker_id = :user OR blocked_id = :user",
            "DELETE FROM media WHERE owner_id = :user",
            "DELETE FROM accounts WHERE user_id = :user");

    private final Logins logins;
    private final PersonalHistory history;
    private final CommandGateway commands;
    private final Follows follows;
    private final Devices devices;
    private final UserKeys keys;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final OrderedConsumers consumers;
    private final DeadLetterStore deadLetters;

    AccountDeletion(
            Logins logins,
            PersonalHistory history,
            CommandGateway commands,
            Follows follows,
            Devices devices,
            UserKeys keys,
            JdbcClient jdbc,
            TransactionTemplate transaction,
            Clock clock,
            OrderedConsumers consumers,
            DeadLetterStore deadLetters) {
        this.logins = logins;
        this.history = history;
        this.commands = commands;
        this.follows = follows;
        this.devices = devices;
        this.keys = keys;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.consumers = consumers;
        this.deadLetters = deadLetters;
    }

    /** @throws DomainException when the password is wrong (counted like a failed sign-in) or the account is gone */
    void delete(String userId, String password, String clientAddress) {
        logins.confirm(userId, password, clientAddress);
        Instant now = clock.instant();
        HistoryFold fold = new HistoryFold(userId).apply(history.about(userId));
        endWhatOthersSee(userId, fold, now);
        transaction.executeWithoutResult(status -> {
            commands.sendAndWait(new DeleteAccount(userId, now));
            ROWS_OF_THE_USER.forEach(sql -> jdbc.sql(sql).param("user", userId).update());
            // The command side's queues carry no UserDeleted that would make its consumers forget the user themselves.
            consumers.all().forEach(consumer -> deadLetters.forget(consumer.name(), userId));
            jdbc.sql("INSERT INTO deleted_accounts (user_id, deleted_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(userId, Timestamp.from(now))
                    .update();
            keys.destroy(userId);
        });
    }

    private void endWhatOthersSee(String userId, HistoryFold fold, Instant now) {
        fold.posts().stream()
                .filter(post -> post.deletedAt() == null)
                .forEach(post -> sendUnlessGone(new DeletePost(post.id(), userId, now)));
        fold.comments().stream()
                .filter(comment -> comment.deletedAt() == null)
                .forEach(comment -> sendUnlessGone(new DeleteComment(comment.postId(), comment.id(), userId)));
        fold.likes().forEach(like -> sendUnlessGone(new UnlikePost(like.postId(), userId)));
        fold.following().forEach(followee -> follows.unfollow(userId, followee.userId()));
        fold.followRequestsSent().forEach(followee -> follows.unfollow(userId, followee.userId()));
        fold.followers().forEach(follower -> follows.unfollow(follower.userId(), userId));
        fold.followRequestsReceived().forEach(requester -> follows.decline(userId, requester.userId()));
        fold.devices().forEach(device -> devices.remove(userId, device.token()));
    }

    /** Sends the command; one whose target is already gone (a post its author deleted, say) has nothing to end. */
    private void sendUnlessGone(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException | DomainException gone) {
            // Already ended: a deleted post takes its comments and likes with it.
        }
    }
}
