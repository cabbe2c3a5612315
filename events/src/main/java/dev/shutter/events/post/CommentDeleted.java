package dev.shutter.events.post;

public record CommentDeleted(String postId, String commentId, String authorId) {}
