package dev.shutter.projections.profile;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The forms of a name that user search matches by prefix: lower-cased, accents removed ("José" is
 * stored as "jose"), the whole display name and each of its words, so "silva" finds "José Silva".
 * query-side folds the search text the same way.
 */
final class SearchKeys {

    private SearchKeys() {}

    static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        return decomposed
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .strip()
                .replaceAll("\\s+", " ");
    }

    static List<String> ofDisplayName(String displayName) {
        String folded = fold(displayName);
        if (folded.isEmpty()) {
            return List.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        keys.add(folded);
        for (String word : folded.split(" ")) {
            if (!word.isEmpty()) {
                keys.add(word);
            }
        }
        return List.copyOf(keys);
    }
}
