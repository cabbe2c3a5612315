package dev.shutter.query.post;

import dev.shutter.query.user.UserSummary;
import dev.shutter.query.web.MediaUrls.Variants;
import java.time.Instant;
import java.util.List;

/**
 * A post as the app shows it, for one viewer ({@code likedByMe}). {@code hashtags} are those of the
 * current caption, lower-cased; {@code mentions} the users the current caption names with
 * {@code @username} and the command side resolved.
 */
public record PostView(
        String id,
        UserSummary author,
        String caption,
        List<String> hashtags,
        List<UserSummary> mentions,
        List<Media> media,
        long likeCount,
        long commentCount,
        boolean likedByMe,
        Instant createdAt) {

    public record Media(String id, Variants urls) {}
}
