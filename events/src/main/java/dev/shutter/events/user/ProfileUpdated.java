package dev.shutter.events.user;

import dev.shutter.events.personal.DataSubject;
import dev.shutter.events.personal.PersonalData;

/** The public profile of an account changed. {@code avatarMediaId} is null when there is no avatar. */
public record ProfileUpdated(
        @DataSubject String userId,
        @PersonalData String displayName,
        @PersonalData String bio,
        @PersonalData String avatarMediaId) {}
