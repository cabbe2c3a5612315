package dev.shutter.events.user;

import dev.shutter.events.personal.DataSubject;
import dev.shutter.events.personal.PersonalData;

/** A phone, tablet or browser of the user can receive pushes under this FCM registration token. */
public record DeviceRegistered(@DataSubject String userId, @PersonalData String token, String platform) {}
