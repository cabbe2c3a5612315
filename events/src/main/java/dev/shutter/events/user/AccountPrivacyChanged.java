package dev.shutter.events.user;

import java.time.Instant;

/**
 * The user made their account private ({@code privateAccount} true: following needs their approval, and only
 * approved followers see their posts and lists) or public again.
 */
public record AccountPrivacyChanged(String userId, boolean privateAccount, Instant changedAt) {}
