package dev.shutter.events.block;

import java.time.Instant;

/**
 * {@code blockerId} blocked {@code blockedId}: the blocked user can no longer follow, see, like or comment on the
 * blocker's posts. {@code blockId} is the Block aggregate of the ordered pair. Follows between the two, in both
 * directions, end with their own {@code UserUnfollowed} events.
 */
public record UserBlocked(String blockId, String blockerId, String blockedId, Instant blockedAt) {}
