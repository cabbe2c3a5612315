package dev.shutter.command.post;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How much a post may hold: {@code shutter.posts.caption-max-length} and {@code comment-max-length}
 * characters (Unicode code points, so an emoji counts once), and 1 to {@code max-media} photos.
 */
@ConfigurationProperties("shutter.posts")
record PostLimits(Integer captionMaxLength, Integer commentMaxLength, Integer maxMedia) {

    static final int DEFAULT_TEXT_LENGTH = 2200;
    static final int DEFAULT_MAX_MEDIA = 10;

    PostLimits {
        captionMaxLength = positiveOr(captionMaxLength, DEFAULT_TEXT_LENGTH);
        commentMaxLength = positiveOr(commentMaxLength, DEFAULT_TEXT_LENGTH);
        maxMedia = positiveOr(maxMedia, DEFAULT_MAX_MEDIA);
    }

    static PostLimits defaults() {
        return new PostLimits(null, null, null);
    }

    private static int positiveOr(Integer value, int fallback) {
        return value == null || value < 1 ? fallback : value;
    }
}
