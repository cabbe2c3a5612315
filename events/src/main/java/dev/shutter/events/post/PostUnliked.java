package dev.shutter.events.post;

public record PostUnliked(String postId, String userId) {}
