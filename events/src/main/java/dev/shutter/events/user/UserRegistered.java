package dev.shutter.events.user;

import java.time.Instant;

/** A new account exists. Username and e-mail were unique when it was registered. */
public record UserRegistered(String userId, String username, String email, String displayName, Instant registeredAt) {}
