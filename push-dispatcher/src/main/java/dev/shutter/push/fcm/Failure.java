package dev.shutter.push.fcm;

import com.google.firebase.IncomingHttpResponse;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.MessagingErrorCode;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an FCM error means for the device and for the batch.
 *
 * @param errorCode FCM's error code ({@code UNREGISTERED}, {@code INVALID_ARGUMENT}, ...), or {@code NO_ANSWER}
 * @param throttled FCM said the quota is exceeded (429): every sender of the instance should slow down
 */
record Failure(Kind kind, Duration retryAfter, String reason, String errorCode, boolean throttled) {

    enum Kind {
        /** The token will never work again: forget the device. */
        DEAD_TOKEN,
        /** FCM is overloaded or broken for the moment: try again later. */
        RETRYABLE,
        /** Anything else: retrying would fail the same way. */
        PERMANENT
    }

    static Failure of(FirebaseMessagingException exception) {
        IncomingHttpResponse response = exception.getHttpResponse();
        int status = response == null ? 0 : response.getStatusCode();
        MessagingErrorCode code = exception.getMessagingErrorCode();
        String reason = status + " " + code + " " + exception.getMessage();
        String errorCode = code == null ? "UNKNOWN" : code.name();
        if (code == MessagingErrorCode.UNREGISTERED || invalidToken(code, exception.getMessage())) {
            return new Failure(Kind.DEAD_TOKEN, Duration.ZERO, reason, errorCode, false);
        }
        boolean retryable = response == null // the request never got an answer
                || status == 429
                || status == 500
                || status == 503
                || code == MessagingErrorCode.QUOTA_EXCEEDED
                || code == MessagingErrorCode.UNAVAILABLE
                || code == MessagingErrorCode.INTERNAL;
        if (retryable) {
            boolean throttled = status == 429 || code == MessagingErrorCode.QUOTA_EXCEEDED;
            return new Failure(Kind.RETRYABLE, retryAfter(response), reason, errorCode, throttled);
        }
        return new Failure(Kind.PERMANENT, Duration.ZERO, reason, errorCode, false);
    }

    /** The call failed before FCM answered anything. */
    static Failure noAnswer(RuntimeException exception) {
        return new Failure(Kind.RETRYABLE, Duration.ZERO, "no answer: " + exception, "NO_ANSWER", false);
    }

    /** INVALID_ARGUMENT is also FCM's answer to a malformed message; only a bad token is the device's fault. */
    private static boolean invalidToken(MessagingErrorCode code, String message) {
        return code == MessagingErrorCode.INVALID_ARGUMENT
                && message != null
                && message.toLowerCase(Locale.ROOT).contains("token");
    }

    static Duration retryAfter(IncomingHttpResponse response) {
        if (response == null || response.getHeaders() == null) {
            return Duration.ZERO;
        }
        for (Map.Entry<String, Object> header : response.getHeaders().entrySet()) {
            if ("retry-after".equalsIgnoreCase(header.getKey())) {
                return parseRetryAfter(first(header.getValue()));
            }
        }
        return Duration.ZERO;
    }

    private static String first(Object value) {
        if (value instanceof List<?> values) {
            return values.isEmpty() ? null : String.valueOf(values.get(0));
        }
        return value == null ? null : value.toString();
    }

    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        String trimmed = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(
                        ZonedDateTime.now(), ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return Duration.ZERO;
            }
        }
    }
}
