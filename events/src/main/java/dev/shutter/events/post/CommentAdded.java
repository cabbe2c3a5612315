package dev.shutter.events.post;

import dev.shutter.events.personal.DataSubject;
import dev.shutter.events.personal.PersonalData;
import java.time.Instant;

public record CommentAdded(
        String postId, String commentId, @DataSubject String authorId, @PersonalData String text, Instant addedAt) {}
