package dev.shutter.query.config;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.Date;
import org.bson.conversions.Bson;

/**
 * Keyset pagination over a (time, id) sort key, newest first: a page continues strictly after the last item of the
 * previous one, so inserts of newer items never shift later pages (no skip/offset).
 */
public final class Keyset {

    private Keyset() {}

    public static Bson newestFirst(String timeField, String idField) {
        return Sorts.descending(timeField, idField);
    }

    /** Items that sort after ({@code at}, {@code id}) in {@link #newestFirst} order. */
    public static Bson after(String timeField, String idField, Instant at, String id) {
        Date time = Date.from(at);
        return Filters.or(
                Filters.lt(timeField, time), Filters.and(Filters.eq(timeField, time), Filters.lt(idField, id)));
    }
}
