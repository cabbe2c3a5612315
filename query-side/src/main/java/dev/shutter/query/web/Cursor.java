package dev.shutter.query.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The sort key of the last item of a page, handed to clients as an opaque string: base64url of
 * {@code <epochMillis>:<id>}.
 */
public record Cursor(Instant at, String id) {

    public String encode() {
        String key = at.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String encoded) {
        String key;
        try {
            key = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidCursorException();
        }
        int separator = key.indexOf(':');
        if (separator <= 0 || separator == key.length() - 1) {
            throw new InvalidCursorException();
        }
        try {
            long millis = Long.parseLong(key.substring(0, separator));
            return new Cursor(Instant.ofEpochMilli(millis), key.substring(separator + 1));
        } catch (NumberFormatException | java.time.DateTimeException notAKey) {
            throw new InvalidCursorException();
        }
    }
}
