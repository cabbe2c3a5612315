package dev.shutter.events.post;

import java.time.Instant;

public record PostLiked(String postId, String userId, Instant likedAt) {}
