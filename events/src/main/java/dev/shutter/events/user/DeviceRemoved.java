package dev.shutter.events.user;

import dev.shutter.events.personal.DataSubject;
import dev.shutter.events.personal.PersonalData;

/** The FCM registration token no longer belongs to the user. */
public record DeviceRemoved(@DataSubject String userId, @PersonalData String token) {}
