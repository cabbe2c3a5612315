package dev.shutter.query.user;

import dev.shutter.query.web.Cursor;
import dev.shutter.query.web.ValidationFailedException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import org.bson.Document;

/**
 * The rules of user search: the text is folded as projections folds display names (lower case, accents removed, runs
 * of spaces as one), so "jose" finds "José"; results come in username order, and a page's cursor carries the last
 * username.
 */
final class UserSearch {

    static final int MAX_QUERY_LENGTH = 64;

    private UserSearch() {}

    static String fold(String query) {
        String text = query == null ? "" : query.strip();
        if (text.startsWith("@")) {
            text = text.substring(1);
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .strip()
                .replaceAll("\\s+", " ");
        if (folded.isEmpty()) {
            throw new ValidationFailedException("q", "is required");
        }
        if (folded.codePointCount(0, folded.length()) > MAX_QUERY_LENGTH) {
            throw new ValidationFailedException("q", "must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        return folded;
    }

    static Cursor cursor(Document user) {
        // Usernames are unique and the order is by username alone: the time of the cursor is unused.
        return new Cursor(Instant.EPOCH, user.getString("usernameLower"));
    }
}
