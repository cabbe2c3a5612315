package dev.shutter.projections.support;

import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UsernameChanged;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Username changes with fresh ids, as the command side emits them: ivy registers and edits her profile, then takes a
 * new username; jack registers under ivy's former name in another case; ivy changes only the case of her new name.
 * Global indexes continue from a start value.
 */
public final class AccountsScenario {

    public final String ivy = UUID.randomUUID().toString();
    public final String jack = UUID.randomUUID().toString();
    public final String ivysFormerName = "ivy" + ivy.substring(0, 8);
    public final String ivysNewName = "countess_" + ivy.substring(0, 8);
    public final String ivysFinalName = ivysNewName.toUpperCase();
    public final String jacksName = ivysFormerName.toUpperCase();
    private final Instant start = Instant.parse("2024-07-01T12:00:00Z");
    private long globalIndex;

    public AccountsScenario(long firstGlobalIndex) {
        this.globalIndex = firstGlobalIndex;
    }

    public List<StoredEvent> history() {
        return List.of(
                next("User", ivy, 0, registration(ivy, ivysFormerName)),
                next("User", ivy, 1, new ProfileUpdated(ivy, "Ivy", "Grows things", null)),
                next("User", ivy, 2, new UsernameChanged(ivy, ivysNewName, start.plusSeconds(60))),
                next("User", jack, 0, registration(jack, jacksName)),
                next("User", ivy, 3, new UsernameChanged(ivy, ivysFinalName, start.plusSeconds(120))));
    }

    private UserRegistered registration(String userId, String username) {
        return new UserRegistered(userId, username, username + "@example.com", username, start);
    }

    private StoredEvent next(String aggregateType, String aggregateId, long sequence, Record payload) {
        return StoredEvent.of(globalIndex++, aggregateType, aggregateId, sequence, payload);
    }
}
