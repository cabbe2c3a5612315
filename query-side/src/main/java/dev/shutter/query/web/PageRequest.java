package dev.shutter.query.web;

/**
 * What a client asked of a list: at most {@code limit} items after {@code after} (null for the first page). Controllers
 * take it as a parameter; it is read from {@code ?limit=} and {@code ?cursor=}.
 */
public record PageRequest(int limit, Cursor after) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    public boolean firstPage() {
        return after == null;
    }

    static PageRequest of(String limit, String cursor) {
        return new PageRequest(parseLimit(limit), cursor == null ? null : Cursor.decode(cursor));
    }

    private static int parseLimit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        int value;
        try {
            value = Integer.parseInt(limit.trim());
        } catch (NumberFormatException notANumber) {
            throw new ValidationFailedException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        }
        if (value < 1 || value > MAX_LIMIT) {
            throw new ValidationFailedException("limit", "must be from 1 to " + MAX_LIMIT);
        }
        return value;
    }
}
