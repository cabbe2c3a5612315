package dev.shutter.events.user;

import dev.shutter.events.personal.DataSubject;
import dev.shutter.events.personal.PersonalData;
import java.time.Instant;

/** A new account exists. Username and e-mail were unique when it was registered. */
public record UserRegistered(
        @DataSubject String userId,
        @PersonalData String username,
        @PersonalData String email,
        @PersonalData String displayName,
        Instant registeredAt) {}
