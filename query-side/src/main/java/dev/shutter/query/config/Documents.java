package dev.shutter.query.config;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Lenient reads of read-model fields: numbers may be stored as int32 or int64, absent counts are zero. */
public final class Documents {

    private Documents() {}

    public static long count(Document document, String field) {
        return document.get(field) instanceof Number number ? number.longValue() : 0L;
    }

    public static Instant instant(Document document, String field) {
        Object value = document.get(field);
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof String text) {
            return Instant.parse(text);
        }
        return null;
    }

    public static List<String> strings(Document document, String field) {
        List<String> values = document.getList(field, String.class);
        return values == null ? List.of() : values;
    }

    public static boolean flag(Document document, String field) {
        return Boolean.TRUE.equals(document.getBoolean(field));
    }
}
