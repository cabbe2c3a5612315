package dev.shutter.push.fcm;

import java.util.Map;

/**
 * One notification for one device of a user.
 *
 * @param imageUrl the picture shown with the notification, or null
 * @param collapseKey pushes with the same key replace each other on the device (Android {@code collapse_key},
 *     APNs {@code apns-collapse-id})
 */
public record Push(
        String token,
        String userId,
        String title,
        String body,
        String imageUrl,
        Map<String, String> data,
        String collapseKey) {

    public Push {
        data = Map.copyOf(data);
    }
}
