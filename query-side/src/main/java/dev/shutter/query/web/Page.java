package dev.shutter.query.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list, newest first; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds the page from sort keys fetched with {@code limit + 1}: the extra one only tells that another page
     * exists.
     */
    public static <K, T> Page<T> of(
            List<K> keys, PageRequest request, Function<K, Cursor> cursorOf, Function<List<K>, List<T>> items) {
        boolean more = keys.size() > request.limit();
        List<K> page = more ? keys.subList(0, request.limit()) : keys;
        String next = more ? cursorOf.apply(page.get(page.size() - 1)).encode() : null;
        return new Page<>(items.apply(page), next);
    }
}
