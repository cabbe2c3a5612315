package dev.shutter.query.post;

import com.mongodb.client.model.Filters;
import dev.shutter.query.config.Documents;
import dev.shutter.query.config.Keyset;
import dev.shutter.query.config.ReadModels;
import dev.shutter.query.config.View;
import dev.shutter.query.web.Cursor;
import dev.shutter.query.web.PageRequest;
import dev.shutter.query.web.ValidationFailedException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Posts by hashtag from {@code posts_g<N>}, whose {@code hashtags} projections derives from the caption, lower-cased
 * and NFC-normalised: the asked-for tag is normalised the same way, so the lookup ignores case.
 */
@Component
class TaggedPosts {

    static final int MAX_TAG_LENGTH = 100;
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}\\p{M}_]+");

    private final ReadModels readModels;

    TaggedPosts(ReadModels readModels) {
        this.readModels = readModels;
    }

    /** The tag as projections stores it; a leading {@code #} is allowed. */
    static String normalise(String tag) {
        String bare = tag == null ? "" : tag.strip();
        if (bare.startsWith("#")) {
            bare = bare.substring(1);
        }
        String normalised = Normalizer.normalize(bare, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        if (normalised.isEmpty()
                || normalised.codePointCount(0, normalised.length()) > MAX_TAG_LENGTH
                || !TAG.matcher(normalised).matches()) {
            throw new ValidationFailedException(
                    "tag", "must be 1 to " + MAX_TAG_LENGTH + " letters, digits or '_', without spaces");
        }
        return normalised;
    }

    /**
     * Up to {@code limit + 1} live posts with the tag, newest first, those of the excluded authors left out; the
     * extra one only tells that more exist.
     */
    List<Document> withTag(String tag, PageRequest page, Collection<String> excludedAuthors) {
        List<Bson> conditions = new ArrayList<>(List.of(Filters.eq("hashtags", tag), Filters.ne("deleted", true)));
        if (!excludedAuthors.isEmpty()) {
            conditions.add(Filters.nin("authorId", excludedAuthors));
        }
        if (!page.firstPage()) {
            conditions.add(Keyset.after(
                    "createdAt", "_id", page.after().at(), page.after().id()));
        }
        List<Document> posts = new ArrayList<>();
        readModels
                .collection(View.POSTS, "posts")
                .find(Filters.and(conditions))
                .sort(Keyset.newestFirst("createdAt", "_id"))
                .limit(page.limit() + 1)
                .forEach(posts::add);
        return posts;
    }

    static Cursor cursor(Document post) {
        return new Cursor(Documents.instant(post, "createdAt"), post.getString("_id"));
    }
}
