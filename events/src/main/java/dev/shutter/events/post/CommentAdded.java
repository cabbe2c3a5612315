package dev.shutter.events.post;

import java.time.Instant;

public record CommentAdded(String postId, String commentId, String authorId, String text, Instant addedAt) {}
