package dev.shutter.events.block;

import java.time.Instant;

/** {@code blockerId} lifted the block on {@code blockedId}; follows that the block ended are not restored. */
public record UserUnblocked(String blockId, String blockerId, String blockedId, Instant unblockedAt) {}
