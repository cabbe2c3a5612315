package dev.shutter.events.post;

import dev.shutter.events.personal.DataSubject;
import dev.shutter.events.personal.PersonalData;
import java.time.Instant;
import java.util.List;

/** A post with 1 to 10 photos, in the order given, and a caption. */
public record PostPublished(
        String postId,
        @DataSubject String authorId,
        @PersonalData String caption,
        List<String> mediaIds,
        Instant publishedAt) {}
