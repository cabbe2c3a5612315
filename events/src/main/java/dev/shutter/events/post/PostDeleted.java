package dev.shutter.events.post;

import java.time.Instant;

public record PostDeleted(String postId, String authorId, Instant deletedAt) {}
