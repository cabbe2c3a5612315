package dev.shutter.events.post;

import java.time.Instant;
import java.util.List;

/** A post with 1 to 10 photos, in the order given, and a caption. */
public record PostPublished(
        String postId, String authorId, String caption, List<String> mediaIds, Instant publishedAt) {}
