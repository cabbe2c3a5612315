package dev.shutter.events.post;

import java.time.Instant;
import java.util.List;

/**
 * A caption or a comment names other users with {@code @username}. Emitted by the {@code Post}
 * aggregate next to the event that carried the text, with the mentions already resolved to user
 * ids (unknown names are dropped, the actor never mentions themself). {@code commentId} is null
 * for a caption. An edited caption mentions only the users it did not mention before.
 */
public record UsersMentioned(
        String postId, String commentId, String actorId, List<String> mentionedUserIds, Instant mentionedAt) {}
