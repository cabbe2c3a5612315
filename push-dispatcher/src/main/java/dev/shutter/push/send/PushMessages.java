package dev.shutter.push.send;

import dev.shutter.push.fcm.Push;
import dev.shutter.push.notify.Notification;
import dev.shutter.push.notify.WorkItem;
import dev.shutter.push.text.Texts;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The push a recipient's device gets: title and body in the recipient's language, the post's photo, the data the app
 * deep-links with ({@code type}, {@code postId}, {@code actorId}) and the thread's collapse key. Notification and data
 * stay under FCM's 4 KB whatever the caption: the caption arrives cut to {@value Texts#SNIPPET_CODE_POINTS} code points,
 * and a body still too long is cut further.
 */
final class PushMessages {

    /** A margin below FCM's 4,096 bytes for the JSON punctuation around the fields. */
    static final int MAX_PAYLOAD_BYTES = 3_800;

    private PushMessages() {}

    static Push push(Notification notification, WorkItem.Recipient recipient, WorkItem.Device device) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("type", notification.type().wireName());
        if (notification.postId() != null) {
            data.put("postId", notification.postId());
        }
        data.put("actorId", notification.actorId());
        String title = Texts.title(notification.type(), recipient.language());
        String body =
                Texts.body(notification.type(), recipient.language(), notification.actorName(), notification.snippet());
        int fixed = bytes(title)
                + bytes(notification.imageUrl())
                + data.entrySet().stream()
                        .mapToInt(entry -> bytes(entry.getKey()) + bytes(entry.getValue()))
                        .sum();
        body = fit(body, MAX_PAYLOAD_BYTES - fixed);
        return new Push(
                device.token(),
                recipient.userId(),
                title,
                body,
                notification.imageUrl(),
                data,
                notification.collapseKey());
    }

    /** The text cut on a code point boundary so that its UTF-8 bytes stay within the budget. */
    static String fit(String text, int maxBytes) {
        if (bytes(text) <= maxBytes) {
            return text;
        }
        StringBuilder kept = new StringBuilder();
        int used = bytes("…");
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > maxBytes) {
                break;
            }
            kept.appendCodePoint(codePoint);
            used += size;
            i += Character.charCount(codePoint);
        }
        return kept + "…";
    }

    private static int bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
