package dev.shutter.platform.consumer;

import java.time.Instant;
import java.util.Map;

/**
 * A message a consumer could not handle, parked with why, in the sequence of its aggregate: later events of that
 * aggregate wait behind it, in order, until an operator retries or drops it.
 *
 * @param id the dead letter's own id
 * @param consumer the consumer it belongs to ({@code projections}, {@code push-dispatcher}...)
 * @param sequenceKey what orders it: the aggregate id, or the message's own key when it has none
 * @param aggregateSequence the event's sequence number within its aggregate, when the message had one
 * @param position the order in which this consumer parked its letters
 * @param eventId the event's id, when the message had one
 * @param eventType the event's type, when the message had one
 * @param reason why it was parked (the last failure)
 * @param attempts how often it was tried
 * @param parkedAt when it was parked
 * @param lastAttemptAt when it was last tried
 * @param headers the message's headers, as the broker delivered them (strings and numbers)
 * @param body the message's body
 */
public record DeadLetter(
        String id,
        String consumer,
        String sequenceKey,
        Long aggregateSequence,
        long position,
        String eventId,
        String eventType,
        String reason,
        int attempts,
        Instant parkedAt,
        Instant lastAttemptAt,
        Map<String, Object> headers,
        String body) {

    public DeadLetter {
        headers = Map.copyOf(headers);
    }

    DeadLetter triedAgain(String newReason, Instant at) {
        return new DeadLetter(
                id,
                consumer,
                sequenceKey,
                aggregateSequence,
                position,
                eventId,
                eventType,
                newReason,
                attempts + 1,
                parkedAt,
                at,
                headers,
                body);
    }
}
