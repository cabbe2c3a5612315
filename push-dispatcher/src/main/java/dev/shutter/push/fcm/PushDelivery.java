package dev.shutter.push.fcm;

import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.SendResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends the pushes of one notification, at most once per device: each push is claimed in the sent log before it is
 * sent, so pushes that another attempt already claimed or sent are skipped. The rest go out in {@code sendEach}
 * calls of up to 500 at the pace of the instance's {@link SendRateLimiter}. Dead tokens are reported to the caller;
 * 429, 500 and 503 are retried with exponential backoff and jitter, never sooner than {@code Retry-After}. Pushes
 * still failing when the retries are used up are released and reported in a {@link PushDeliveryException}.
 */
@Service
public class PushDelivery {

    private static final Logger log = LoggerFactory.getLogger(PushDelivery.class);

    private final FcmGateway gateway;
    private final SentPushes sentPushes;
    private final SendRateLimiter rateLimiter;
    private final Backoff backoff;

    PushDelivery(FcmGateway gateway, SentPushes sentPushes, SendRateLimiter rateLimiter, RetryProperties retry) {
        this.gateway = gateway;
        this.sentPushes = sentPushes;
        this.rateLimiter = rateLimiter;
        this.backoff = new Backoff(retry, RandomGenerator.getDefault());
    }

    /**
     * @param notificationId with the token it identifies a push
     * @return how many pushes FCM accepted in this call
     * @throws PushDeliveryException when some pushes still failed after the last retry
     */
    public int deliver(String notificationId, List<Push> pushes, DeadTokens deadTokens) {
        Set<String> claimed = sentPushes.claim(notificationId, pushes);
        List<Push> pending =
                pushes.stream().filter(push -> claimed.remove(push.token())).toList();
        if (pending.size() < pushes.size()) {
            log.info(
                    "Notification {}: skipped {} pushes sent or being sent already",
                    notificationId,
                    pushes.size() - pending.size());
        }
        int sent = 0;
        List<Push> unsent = new ArrayList<>();
        String lastFailure = null;
        for (int from = 0; from < pending.size(); from += FcmGateway.MAX_BATCH) {
            List<Push> batch = pending.subList(from, Math.min(pending.size(), from + FcmGateway.MAX_BATCH));
            try {
                sent += deliverBatch(notificationId, batch, deadTokens);
            } catch (PushDeliveryException e) {
                unsent.addAll(e.unsent());
                lastFailure = e.getMessage();
            }
        }
        if (!unsent.isEmpty()) {
            throw new PushDeliveryException(lastFailure, unsent);
        }
        return sent;
    }

    private int deliverBatch(String notificationId, List<Push> batch, DeadTokens deadTokens) {
        List<Push> remaining = batch;
        int sent = 0;
        for (int attempt = 1; ; attempt++) {
            rateLimiter.acquire(remaining.size());
            Attempt result = send(remaining);
            sentPushes.settle(notificationId, tokens(result.sent()), "sent");
            sentPushes.settle(
                    notificationId,
                    result.dead().stream().map(dead -> dead.push().token()).toList(),
                    "rejected");
            sentPushes.settle(notificationId, tokens(result.dropped()), "failed");
            sent += result.sent().size();
            result.dead().forEach(dead -> deadTokens.rejected(dead.push(), dead.reason()));
            if (result.throttled()) {
                rateLimiter.throttled(result.retryAfter());
            } else {
                rateLimiter.succeeded();
            }
            if (result.retry().isEmpty()) {
                return sent;
            }
            Optional<Duration> wait = backoff.before(attempt + 1, result.retryAfter());
            if (wait.isEmpty()) {
                sentPushes.release(notificationId, tokens(result.retry()));
                throw new PushDeliveryException(
                        "Notification " + notificationId + ": " + result.retry().size()
                                + " pushes still failing after " + attempt + " attempts (last: " + result.lastReason()
                                + ")",
                        result.retry());
            }
            log.warn(
                    "Notification {}: {} pushes failed ({}), attempt {} in {}",
                    notificationId,
                    result.retry().size(),
                    result.lastReason(),
                    attempt + 1,
                    wait.get());
            pause(wait.get());
            remaining = result.retry();
        }
    }

    private static List<String> tokens(List<Push> pushes) {
        return pushes.stream().map(Push::token).toList();
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
        } catch (RuntimeException e) {
            // e.g. the HTTP client failing before any answer: like no answer at all, worth a retry
            pushes.forEach(push -> attempt.add(push, Failure.noAnswer(e)));
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
            // Shutting down: the work item is requeued; stale claims are taken over after the claim timeout.
            throw new IllegalStateException("Interrupted while waiting to retry FCM", e);
        }
    }

    private record DeadPush(Push push, String reason) {}

    /** The outcome of one {@code sendEach} call. */
    private static final class Attempt {

        private final List<Push> sent = new ArrayList<>();
        private final List<DeadPush> dead = new ArrayList<>();
        private final List<Push> dropped = new ArrayList<>();
        private final List<Push> retry = new ArrayList<>();
        private Duration retryAfter = Duration.ZERO;
        private boolean throttled;
        private String lastReason = "";

        void add(Push push, Failure failure) {
            lastReason = failure.reason();
            switch (failure.kind()) {
                case DEAD_TOKEN -> dead.add(new DeadPush(push, failure.errorCode()));
                case RETRYABLE -> {
                    retry.add(push);
                    throttled |= failure.throttled();
                    if (failure.retryAfter().compareTo(retryAfter) > 0) {
                        retryAfter = failure.retryAfter();
                    }
                }
                case PERMANENT -> {
                    dropped.add(push);
                    log.warn("Push to a device of user {} dropped: {}", push.userId(), failure.reason());
                }
            }
        }

        List<Push> sent() {
            return sent;
        }

        List<DeadPush> dead() {
            return dead;
        }

        List<Push> dropped() {
            return dropped;
        }

        List<Push> retry() {
            return retry;
        }

        Duration retryAfter() {
            return retryAfter;
        }

        boolean throttled() {
            return throttled;
        }

        String lastReason() {
            return lastReason;
        }
    }
}
