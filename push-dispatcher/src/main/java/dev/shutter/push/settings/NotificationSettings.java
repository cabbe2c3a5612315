package dev.shutter.push.settings;

import java.util.List;

/**
 * Which pushes a user wants, whose new posts they muted, and the language of their notifications.
 *
 * @param mutedAccounts users whose new posts the user is not told about
 * @param language a language tag such as {@code en} or {@code pt-BR}; texts fall back to English
 */
public record NotificationSettings(
        boolean newPost,
        boolean newFollower,
        boolean like,
        boolean comment,
        boolean mention,
        boolean followRequest,
        List<String> mutedAccounts,
        String language) {

    public static final String DEFAULT_LANGUAGE = "en";
    public static final NotificationSettings DEFAULTS =
            new NotificationSettings(true, true, true, true, true, true, List.of(), DEFAULT_LANGUAGE);

    public NotificationSettings {
        mutedAccounts = mutedAccounts == null ? List.of() : List.copyOf(mutedAccounts);
        language = language == null ? DEFAULT_LANGUAGE : language;
    }

    /** Whether pushes of this type are on. */
    public boolean wants(NotificationType type) {
        return switch (type) {
            case NEW_POST -> newPost;
            case NEW_FOLLOWER -> newFollower;
            case LIKE -> like;
            case COMMENT -> comment;
            case MENTION -> mention;
            case FOLLOW_REQUEST -> followRequest;
        };
    }

    public boolean muted(String accountId) {
        return mutedAccounts.contains(accountId);
    }
}
