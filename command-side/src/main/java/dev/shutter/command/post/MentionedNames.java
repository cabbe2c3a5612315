package dev.shutter.command.post;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The usernames a text names with {@code @username}, in the order they first appear, lower-cased.
 * An {@code @} inside a word (an e-mail address) mentions nobody. A name may end in dots, but a dot
 * that ends a sentence is more likely: both readings are candidates and the caller keeps the one
 * that names an account, preferring the longer.
 */
final class MentionedNames {

    static final int MAX_USERNAME_LENGTH = 30;
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.@])@([A-Za-z0-9._]+)");

    private MentionedNames() {}

    /** Each mention as the candidate names it may stand for, longest first. */
    static List<List<String>> in(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return List.of();
        }
        Set<List<String>> mentions = new LinkedHashSet<>();
        Matcher matcher = MENTION.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            String withoutTrailingDots = name.replaceAll("\\.+$", "");
            List<String> candidates = new ArrayList<>();
            for (String candidate : List.of(name, withoutTrailingDots)) {
                if (!candidate.isEmpty()
                        && candidate.length() <= MAX_USERNAME_LENGTH
                        && !candidates.contains(candidate)) {
                    candidates.add(candidate);
                }
            }
            if (!candidates.isEmpty()) {
                mentions.add(List.copyOf(candidates));
            }
        }
        return List.copyOf(mentions);
    }
}
