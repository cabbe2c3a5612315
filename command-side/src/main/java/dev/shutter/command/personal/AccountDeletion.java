package dev.shutter.command.personal;

import dev.shutter.command.DomainException;
import dev.shutter.command.follow.UnfollowUser;
import dev.shutter.command.post.DeleteComment;
import dev.shutter.command.post.DeletePost;
import dev.shutter.command.post.UnlikePost;
import dev.shutter.command.user.DeleteAccount;
import dev.shutter.command.user.RemoveDevice;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes an account so that no store keeps the user's personal data. First everything the account did that others
 * see ends through the aggregates, each with its ordinary event, so every read model and service follows as it always
 * does: posts deleted (their photos with them), comments deleted, likes taken back, follows and requests ended in
 * both directions, devices removed. Then, in one transaction, the {@code User} aggregate emits {@code UserDeleted},
 * the account's rows go and the user's key is destroyed: the personal data of every event about the user, in the
 * event store and in any replay of it, is unreadable from then on.
 *
 * <p>Each step can run again: a deletion cut off half way is finished by the next request, which still finds the
 * account and its password.
 */
@Service
class AccountDeletion {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final PersonalHistory history;
    private final CommandGateway commands;
    private final UserKeys keys;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AccountDeletion(
            JdbcClient jdbc,
            PasswordEncoder passwords,
            PersonalHistory history,
            CommandGateway commands,
            UserKeys keys,
            TransactionTemplate transaction,
            Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.history = history;
        this.commands = commands;
        this.keys = keys;
        this.transaction = transaction;
        this.clock = clock;
    }

    void delete(String userId, String password) {
        String hash = jdbc.sql("SELECT password_hash FROM accounts WHERE user_id = ?")
                .param(userId)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new AccountGoneException(userId));
        if (!passwords.matches(password, hash)) {
            throw new WrongPasswordException();
        }
        Instant now = clock.instant();
        HistoryFold fold = new HistoryFold(userId).apply(history.about(userId));
        for (Object command : endings(userId, fold, now)) {
            sendUnlessGone(command);
        }
        transaction.executeWithoutResult(status -> {
            commands.sendAndWait(new DeleteAccount(userId, now));
            jdbc.sql("DELETE FROM accounts WHERE user_id = ?").param(userId).update();
            keys.destroy(userId);
        });
    }

    /** The commands that end everything of the user's that others can see. */
    private static List<Object> endings(String userId, HistoryFold fold, Instant now) {
        List<Object> endings = new ArrayList<>();
        fold.posts().stream()
                .filter(post -> post.deletedAt() == null)
                .forEach(post -> endings.add(new DeletePost(post.id(), userId, now)));
        fold.comments().stream()
                .filter(comment -> comment.deletedAt() == null)
                .forEach(comment -> endings.add(new DeleteComment(comment.postId(), comment.id(), userId)));
        fold.likes().forEach(like -> endings.add(new UnlikePost(like.postId(), userId)));
        fold.following().forEach(followee -> endings.add(UnfollowUser.of(userId, followee.userId(), now)));
        fold.followRequestsSent().forEach(followee -> endings.add(UnfollowUser.of(userId, followee.userId(), now)));
        fold.followers().forEach(follower -> endings.add(UnfollowUser.of(follower.userId(), userId, now)));
        fold.devices().forEach(device -> endings.add(new RemoveDevice(userId, device.token())));
        return endings;
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
