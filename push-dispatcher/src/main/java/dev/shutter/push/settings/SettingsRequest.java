package dev.shutter.push.settings;

import dev.shutter.push.web.InvalidRequestException;
import dev.shutter.push.web.InvalidRequestException.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of {@code PUT /api/users/me/notification-settings}: every switch, the muted accounts, the language. The
 * five original switches are required; {@code followRequest} came later, so a client that does not send it keeps the
 * value stored before.
 */
record SettingsRequest(
        Boolean newPost,
        Boolean newFollower,
        Boolean like,
        Boolean comment,
        Boolean mention,
        Boolean followRequest,
        List<String> mutedAccounts,
        String language) {

    static final int MAX_MUTED = 1000;
    private static final int MAX_ID_LENGTH = 100;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");

    /** The settings this request asks for, or every reason it cannot be accepted. */
    NotificationSettings validated(String callerId, NotificationSettings current) {
        List<FieldError> errors = new ArrayList<>();
        required(errors, "newPost", newPost);
        required(errors, "newFollower", newFollower);
        required(errors, "like", like);
        required(errors, "comment", comment);
        required(errors, "mention", mention);
        List<String> muted = mutedAccounts == null ? List.of() : mutedAccounts;
        if (muted.size() > MAX_MUTED) {
            errors.add(new FieldError("mutedAccounts", "at most " + MAX_MUTED + " accounts can be muted"));
        }
        for (int i = 0; i < muted.size(); i++) {
            String id = muted.get(i);
            if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
                errors.add(new FieldError("mutedAccounts[" + i + "]", "must be a user id"));
            } else if (id.equals(callerId)) {
                errors.add(new FieldError("mutedAccounts[" + i + "]", "you cannot mute yourself"));
            }
        }
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            errors.add(new FieldError("language", "must be a language tag such as en or pt-BR"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new NotificationSettings(
                newPost,
                newFollower,
                like,
                comment,
                mention,
                followRequest == null ? current.followRequest() : followRequest,
                List.copyOf(new LinkedHashSet<>(muted)),
                language == null ? NotificationSettings.DEFAULT_LANGUAGE : language);
    }

    private static void required(List<FieldError> errors, String field, Boolean value) {
        if (value == null) {
            errors.add(new FieldError(field, "must be true or false"));
        }
    }
}
