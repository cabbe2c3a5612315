package dev.shutter.projections.post;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hashtags of a caption or comment: {@code #} followed by Unicode letters, digits, marks or
 * {@code _}, with at least one letter, not glued to the word before it. Tags are lower-cased and
 * NFC-normalised, so {@code #Café} and {@code #café} are one tag; each counts once, in order of first
 * appearance, at most {@value #MAX_TAGS} of them and none longer than {@value #MAX_LENGTH} characters.
 * A pure function of the text, so a rebuild derives the same tags.
 */
final class Hashtags {

    static final int MAX_TAGS = 30;
    static final int MAX_LENGTH = 100;
    private static final Pattern TAG = Pattern.compile("(?<![\\p{L}\\p{N}\\p{M}_&#])#([\\p{L}\\p{N}\\p{M}_]+)");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");

    private Hashtags() {}

    static List<String> in(String text) {
        if (text == null || text.indexOf('#') < 0) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        Matcher matcher = TAG.matcher(Normalizer.normalize(text, Normalizer.Form.NFC));
        while (matcher.find() && tags.size() < MAX_TAGS) {
            String tag = matcher.group(1).toLowerCase(Locale.ROOT);
            if (tag.codePointCount(0, tag.length()) <= MAX_LENGTH
                    && LETTER.matcher(tag).find()) {
                tags.add(tag);
            }
        }
        return List.copyOf(tags);
    }
}
