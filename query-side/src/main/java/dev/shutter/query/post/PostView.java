package dev.shutter.query.post;

import dev.shutter.query.user.UserSummary;
import dev.shutter.query.web.MediaUrls.Variants;
import java.time.Instant;
import java.util.List;

/** A post as the app shows it, for one viewer ({@code likedByMe}). */
public record PostView(
        String id,
        UserSummary author,
        String caption,
        List<Media> media,
        long likeCount,
        long commentCount,
        boolean likedByMe,
        Instant createdAt) {

    public record Media(String id, Variants urls) {}
}
