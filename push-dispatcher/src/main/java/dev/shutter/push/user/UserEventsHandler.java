package dev.shutter.push.user;

import dev.shutter.events.user.DeviceRegistered;
import dev.shutter.events.user.DeviceRemoved;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UsernameChanged;
import dev.shutter.push.wire.ReadModelHandler;
import dev.shutter.push.wire.StoredEvent;
import org.springframework.stereotype.Component;

/**
 * Keeps usernames and device tokens. Events of the User aggregate are applied only when their
 * sequence number is above the one last applied to the user; the write comes first and the
 * sequence number after it, so a crash in between repeats an idempotent write on redelivery.
 *
 * <p>Personal fields read as null once their user deleted the account (the user's key is gone): a null username
 * or token is nothing to record, though the event still moves the sequence number on. {@code UserDeleted} forgets
 * the name and every device and leaves the user's tombstone, whose sequence number keeps every earlier event of the
 * user from being applied again.
 */
@Component
class UserEventsHandler implements ReadModelHandler {

    private final Users users;
    private final Devices devices;

    UserEventsHandler(Users users, Devices devices) {
        this.users = users;
        this.devices = devices;
    }

    @Override
    public void apply(StoredEvent event, int generation) {
        Object payload = event.payload();
        if (payload instanceof UserRegistered registered) {
            applyOnce(event, registered.userId(), generation, () -> {
                if (registered.username() != null) {
                    users.recordUsername(registered.userId(), registered.username(), generation);
                }
            });
        } else if (payload instanceof UsernameChanged changed) {
            applyOnce(event, changed.userId(), generation, () -> {
                if (changed.username() != null) {
                    users.recordUsername(changed.userId(), changed.username(), generation);
                }
            });
        } else if (payload instanceof DeviceRegistered registered) {
            applyOnce(event, registered.userId(), generation, () -> {
                if (registered.token() != null) {
                    devices.register(registered.userId(), registered.token(), registered.platform(), generation);
                }
            });
        } else if (payload instanceof DeviceRemoved removed) {
            applyOnce(event, removed.userId(), generation, () -> {
                if (removed.token() != null) {
                    devices.remove(removed.userId(), removed.token(), generation);
                }
            });
        } else if (payload instanceof UserDeleted deleted) {
            applyOnce(event, deleted.userId(), generation, () -> {
                devices.forget(deleted.userId(), generation);
                users.recordDeleted(deleted.userId(), generation);
            });
        }
    }

    private void applyOnce(StoredEvent event, String userId, int generation, Runnable write) {
        if (users.alreadyApplied(userId, event.sequenceNumber(), generation)) {
            return;
        }
        write.run();
        users.markApplied(userId, event.sequenceNumber(), generation);
    }
}
