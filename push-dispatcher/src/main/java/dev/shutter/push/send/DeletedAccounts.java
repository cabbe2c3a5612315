package dev.shutter.push.send;

import dev.shutter.events.user.UserDeleted;
import dev.shutter.push.fcm.SentPushes;
import dev.shutter.push.inbox.Inbox;
import dev.shutter.push.settings.SettingsStore;
import dev.shutter.push.wire.LiveEvent;
import dev.shutter.push.wire.LiveEventHandler;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Forgets what this service keeps outside its read model about users who deleted their account: their notification
 * settings and their place in others' muted accounts, their inbox and their part in everyone else's, the sent log of
 * pushes to their devices, and dead letters naming them. The read model forgets them through its own handlers of
 * {@code UserDeleted}, which run first and leave the user's tombstone; work items sent meanwhile check it.
 *
 * <p>Live deliveries only: a rebuild of the read model does not come here, like it never writes the inbox. Every step
 * is idempotent, so a redelivered {@code UserDeleted} changes nothing more.
 */
@Component
class DeletedAccounts implements LiveEventHandler {

    private static final Logger log = LoggerFactory.getLogger(DeletedAccounts.class);

    private final Inbox inbox;
    private final SettingsStore settings;
    private final SentPushes sentPushes;
    private final DeadLetters deadLetters;

    DeletedAccounts(Inbox inbox, SettingsStore settings, SentPushes sentPushes, DeadLetters deadLetters) {
        this.inbox = inbox;
        this.settings = settings;
        this.sentPushes = sentPushes;
        this.deadLetters = deadLetters;
    }

    @Override
    public void on(LiveEvent event) {
        if (event.payload() instanceof UserDeleted deleted) {
            forget(List.of(deleted.userId()));
            log.info("Forgot the deleted account {}", deleted.userId());
        }
    }

    void forget(Collection<String> userIds) {
        for (String userId : userIds) {
            settings.forget(userId);
            inbox.forget(userId);
        }
        sentPushes.forget(userIds);
        deadLetters.forget(userIds);
    }
}
