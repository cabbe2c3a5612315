package dev.shutter.events.user;

import dev.shutter.events.personal.DataSubject;
import dev.shutter.events.personal.PersonalData;
import java.time.Instant;

/**
 * The user took a new username. Usernames stay unique regardless of case (the command side's accounts table
 * decides in the same transaction); the old name is free for others from then on.
 */
public record UsernameChanged(@DataSubject String userId, @PersonalData String username, Instant changedAt) {}
