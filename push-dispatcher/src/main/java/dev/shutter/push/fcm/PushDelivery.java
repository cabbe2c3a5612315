package dev.shutter.push.fcm;

import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.SendResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends the pushes caused by one event, at most once per device: devices already reached for the
 * event are skipped, the rest go out in batches of up to 500, and every device FCM accepted is
 * recorded right after its batch. Dead tokens are reported to the caller; 429, 500 and 503 are
 * retried with backoff. If devices are still failing when the retries are used up, a
 * {@link PushDeliveryException} sends the event to the dead-letter queue.
 */
@Service
public class PushDelivery {

    private static final Logger log = LoggerFactory.getLogger(PushDelivery.class);

    private final FcmGateway gateway;
    private final SentPushes sentPushes;
    private final Backoff backoff;

    PushDelivery(FcmGateway gateway, SentPushes sentPushes, RetryProperties retry) {
        this.gateway = gateway;
        this.sentPushes = sentPushes;
        this.backoff = new Backoff(retry, RandomGenerator.getDefault());
    }

    /**
     * @param eventId the event the pushes announce; with the token it identifies a push
     * @param deadTokens told about every push whose token FCM no longer accepts
     * @return how many pushes FCM accepted in this call
     */
    public int deliver(String eventId, List<Push> pushes, Consumer<Push> deadTokens) {
        Set<String> alreadySent = sentPushes.tokensSentFor(eventId);
        List<Push> pending = pushes.stream()
                .filter(push -> !alreadySent.contains(push.token()))
                .toList();
        int sent = 0;
        for (int from = 0; from < pending.size(); from += FcmGateway.MAX_BATCH) {
            List<Push> batch = pending.subList(from, Math.min(pending.size(), from + FcmGateway.MAX_BATCH));
            sent += deliverBatch(eventId, batch, deadTokens);
        }
        if (!alreadySent.isEmpty()) {
            log.info("Event {}: skipped {} devices reached before", eventId, pushes.size() - pending.size());
        }
        return sent;
    }

    private int deliverBatch(String eventId, List<Push> batch, Consumer<Push> deadTokens) {
        List<Push> remaining = batch;
        int sent = 0;
        for (int attempt = 1; ; attempt++) {
            Attempt result = send(remaining);
            sentPushes.record(eventId, result.sent().stream().map(Push::token).toList());
            sent += result.sent().size();
            result.deadTokens().forEach(deadTokens);
            if (result.retry().isEmpty()) {
                return sent;
            }
            Optional<Duration> wait = backoff.before(attempt + 1, result.retryAfter());
            if (wait.isEmpty()) {
                throw new PushDeliveryException(
                        "Event " + eventId + ": " + result.retry().size()
                                + " pushes still failing after " + attempt + " attempts (last: " + result.lastReason()
                                + ")");
            }
            log.warn(
                    "Event {}: {} pushes failed ({}), attempt {} in {}",
                    eventId,
                    result.retry().size(),
                    result.lastReason(),
                    attempt + 1,
                    wait.get());
            pause(wait.get());
            remaining = result.retry();
        }
    }

    private Attempt send(List<Push> pushes) {
        Attempt attempt = new Attempt();
        List<SendResponse> responses;
        try {
            BatchResponse response = gateway.sendEach(pushes);
            responses = response.getResponses();
        } catch (FirebaseMessagingException e) {
            pushes.forEach(push -> attempt.add(push, Failure.of(e)));
            return attempt;
        }
        for (int i = 0; i < pushes.size(); i++) {
            SendResponse response = responses.get(i);
            if (response.isSuccessful()) {
                attempt.sent().add(pushes.get(i));
            } else {
                attempt.add(pushes.get(i), Failure.of(response.getException()));
            }
        }
        return attempt;
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Shutting down: the message is requeued and the devices not yet reached get it later.
            throw new IllegalStateException("Interrupted while waiting to retry FCM", e);
        }
    }

    /** The outcome of one {@code sendEach} call. */
    private static final class Attempt {

        private final List<Push> sent = new ArrayList<>();
        private final List<Push> deadTokens = new ArrayList<>();
        private final List<Push> retry = new ArrayList<>();
        private Duration retryAfter = Duration.ZERO;
        private String lastReason = "";

        void add(Push push, Failure failure) {
            lastReason = failure.reason();
            switch (failure.kind()) {
                case DEAD_TOKEN -> deadTokens.add(push);
                case RETRYABLE -> {
                    retry.add(push);
                    if (failure.retryAfter().compareTo(retryAfter) > 0) {
                        retryAfter = failure.retryAfter();
                    }
                }
                case PERMANENT -> log.warn("Push to a device of user {} dropped: {}", push.userId(), failure.reason());
            }
        }

        List<Push> sent() {
            return sent;
        }

        List<Push> deadTokens() {
            return deadTokens;
        }

        List<Push> retry() {
            return retry;
        }

        Duration retryAfter() {
            return retryAfter;
        }

        String lastReason() {
            return lastReason;
        }
    }
}
