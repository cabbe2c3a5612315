package dev.shutter.devstack.infra;

import java.time.Instant;
import java.util.Map;

/**
 * A message {@link FakeFcm} accepted: the device token, the notification (title, body, image), the data, the Android
 * collapse key and APNs collapse id (null when the message had none), and the size of notification and data in bytes
 * of JSON, which FCM limits to 4 KB.
 */
public record FcmMessage(
        String token,
        Map<String, String> notification,
        Map<String, String> data,
        Instant receivedAt,
        String collapseKey,
        String apnsCollapseId,
        int payloadBytes) {}
