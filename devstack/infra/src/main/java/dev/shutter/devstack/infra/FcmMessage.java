package dev.shutter.devstack.infra;

import java.time.Instant;
import java.util.Map;

/** A message {@link FakeFcm} accepted: the device token, the notification (title, body, image) and the data. */
public record FcmMessage(
        String token, Map<String, String> notification, Map<String, String> data, Instant receivedAt) {}
