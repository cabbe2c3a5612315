package dev.shutter.projections.timeline;

import java.util.Comparator;
import java.util.Date;
import org.bson.Document;

/**
 * The sort key of a timeline entry: the post's time, then its id. Timelines are newest first, so a larger key comes
 * earlier; the cursors of the query side use the same key.
 */
record TimelineKey(Date at, String postId) implements Comparable<TimelineKey> {

    static final Comparator<TimelineKey> ORDER =
            Comparator.comparing(TimelineKey::at).thenComparing(TimelineKey::postId);

    static TimelineKey of(Document entry) {
        return new TimelineKey(entry.getDate("t"), entry.getString("p"));
    }

    static TimelineKey orNull(Object document) {
        return document instanceof Document entry ? of(entry) : null;
    }

    Document document() {
        return new Document("t", at).append("p", postId);
    }

    boolean after(TimelineKey other) {
        return other == null || compareTo(other) > 0;
    }

    static TimelineKey max(TimelineKey a, TimelineKey b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public int compareTo(TimelineKey other) {
        return ORDER.compare(this, other);
    }
}
