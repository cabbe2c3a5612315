package dev.shutter.events.user;

import java.time.Instant;

/**
 * The user deleted their account. Before this event the command side ended everything the account did that others
 * can see (its posts, comments, likes, follows, requests and devices each ended with their own event); with it the
 * user's key is destroyed, so the personal data of every earlier event reads as {@code null} from then on. Consumers
 * forget whatever they still hold about the user: profile, settings, inbox, photos.
 */
public record UserDeleted(String userId, Instant deletedAt) {}
