package dev.shutter.events.post;

public record PostCaptionEdited(String postId, String authorId, String caption) {}
