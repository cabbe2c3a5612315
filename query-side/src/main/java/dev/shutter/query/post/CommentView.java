package dev.shutter.query.post;

import dev.shutter.query.user.UserSummary;
import java.time.Instant;
import java.util.List;

/** A comment with its hashtags and the users it mentions. */
record CommentView(
        String id,
        UserSummary author,
        String text,
        List<String> hashtags,
        List<UserSummary> mentions,
        Instant createdAt) {}
