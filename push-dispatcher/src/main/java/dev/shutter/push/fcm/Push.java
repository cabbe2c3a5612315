package dev.shutter.push.fcm;

import java.util.Map;

/** One notification for one device of a user. */
public record Push(String token, String userId, String title, String body, Map<String, String> data) {

    public Push {
        data = Map.copyOf(data);
    }
}
