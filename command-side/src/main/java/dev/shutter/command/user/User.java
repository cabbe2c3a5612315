package dev.shutter.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.shutter.events.user.AccountPrivacyChanged;
import dev.shutter.events.user.DeviceRegistered;
import dev.shutter.events.user.DeviceRemoved;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UserSignedIn;
import dev.shutter.events.user.UsernameChanged;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** An account: its public profile and the devices that receive its pushes. */
@Aggregate
class User {

    @AggregateIdentifier
    private String userId;

    private String username;
    private String displayName;
    private String bio;
    private String avatarMediaId;
    private boolean privateAccount;
    /** The user's devices, the one registered longest ago first. */
    private final Map<String, String> platformByDeviceToken = new LinkedHashMap<>();

    User() {}

    @CommandHandler
    User(RegisterUser command) {
        apply(new UserRegistered(
                command.userId(), command.username(), command.email(), command.displayName(), command.registeredAt()));
    }

    @CommandHandler
    void handle(UpdateProfile command) {
        boolean unchanged = Objects.equals(displayName, command.displayName())
                && Objects.equals(bio, command.bio())
                && Objects.equals(avatarMediaId, command.avatarMediaId());
        if (unchanged) {
            return;
        }
        apply(new ProfileUpdated(userId, command.displayName(), command.bio(), command.avatarMediaId()));
    }

    /** The accounts table has checked that no other account holds the name; the same name again changes nothing. */
    @CommandHandler
    void handle(ChangeUsername command) {
        if (command.username().equals(username)) {
            return;
        }
        apply(new UsernameChanged(userId, command.username(), command.changedAt()));
    }

    /**
     * Registers the device, first removing those registered longest ago that would take the user past {@code
     * maxDevices}. A token registered again counts once, and moves up to the most recent when its platform changed.
     *
     * @return the tokens removed to make room
     */
    @CommandHandler
    List<String> handle(RegisterDevice command) {
        String token = command.token();
        if (command.platform().equals(platformByDeviceToken.get(token))) {
            return List.of();
        }
        int others = platformByDeviceToken.size() - (platformByDeviceToken.containsKey(token) ? 1 : 0);
        List<String> displaced = platformByDeviceToken.keySet().stream()
                .filter(other -> !other.equals(token))
                .limit(Math.max(0, others - (command.maxDevices() - 1)))
                .toList();
        displaced.forEach(other -> apply(new DeviceRemoved(userId, other)));
        apply(new DeviceRegistered(userId, token, command.platform()));
        return displaced;
    }

    @CommandHandler
    void handle(RemoveDevice command) {
        if (!platformByDeviceToken.containsKey(command.token())) {
            return;
        }
        apply(new DeviceRemoved(userId, command.token()));
    }

    @CommandHandler
    void handle(ChangePrivacy command) {
        if (privateAccount == command.privateAccount()) {
            return;
        }
        apply(new AccountPrivacyChanged(userId, command.privateAccount(), command.changedAt()));
    }

    @CommandHandler
    void handle(DeleteAccount command) {
        apply(new UserDeleted(userId, command.deletedAt()));
    }

    @CommandHandler
    void handle(RecordSignIn command) {
        apply(new UserSignedIn(userId, command.signedInAt()));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        username = event.username();
        displayName = event.displayName();
    }

    @EventSourcingHandler
    void on(UsernameChanged event) {
        username = event.username();
    }

    @EventSourcingHandler
    void on(ProfileUpdated event) {
        displayName = event.displayName();
        bio = event.bio();
        avatarMediaId = event.avatarMediaId();
    }

    @EventSourcingHandler
    void on(AccountPrivacyChanged event) {
        privateAccount = event.privateAccount();
    }

    @EventSourcingHandler
    void on(UserDeleted event) {
        markDeleted();
    }

    @EventSourcingHandler
    void on(DeviceRegistered event) {
        platformByDeviceToken.remove(event.token());
        platformByDeviceToken.put(event.token(), event.platform());
    }

    @EventSourcingHandler
    void on(DeviceRemoved event) {
        platformByDeviceToken.remove(event.token());
    }
}
