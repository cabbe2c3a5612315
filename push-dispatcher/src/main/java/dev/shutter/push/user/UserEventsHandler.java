package dev.shutter.push.user;

import dev.shutter.events.user.DeviceRegistered;
import dev.shutter.events.user.DeviceRemoved;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.push.wire.ReadModelHandler;
import dev.shutter.push.wire.StoredEvent;
import org.springframework.stereotype.Component;

/**
 * Keeps usernames and device tokens. Events of the User aggregate are applied only when their
 * sequence number is above the one last applied to the user; the write comes first and the
 * sequence number after it, so a crash in between repeats an idempotent write on redelivery.
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
    public void apply(StoredEvent event) {
        Object payload = event.payload();
        if (payload instanceof UserRegistered registered) {
            applyOnce(
                    event, registered.userId(), () -> users.recordUsername(registered.userId(), registered.username()));
        } else if (payload instanceof DeviceRegistered registered) {
            applyOnce(
                    event,
                    registered.userId(),
                    () -> devices.register(registered.userId(), registered.token(), registered.platform()));
        } else if (payload instanceof DeviceRemoved removed) {
            applyOnce(event, removed.userId(), () -> devices.remove(removed.userId(), removed.token()));
        }
    }

    private void applyOnce(StoredEvent event, String userId, Runnable write) {
        if (users.alreadyApplied(userId, event.sequenceNumber())) {
            return;
        }
        write.run();
        users.markApplied(userId, event.sequenceNumber());
    }
}
