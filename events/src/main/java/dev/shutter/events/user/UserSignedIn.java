package dev.shutter.events.user;

import java.time.Instant;

/**
 * A user obtained a session with their password. Emitted by the {@code User} aggregate; the timelines view uses it
 * to tell active users from those who have been away, whose home timelines are not fanned out to and are
 * regenerated when they come back.
 */
public record UserSignedIn(String userId, Instant signedInAt) {}
