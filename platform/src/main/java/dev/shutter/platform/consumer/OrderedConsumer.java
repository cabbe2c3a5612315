package dev.shutter.platform.consumer;

import dev.shutter.events.WireHeaders;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.platform.wire.UndecodableMessageException;
import dev.shutter.platform.wire.WireDecoder;
import dev.shutter.platform.wire.WireEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * Consumes one ordered queue: each message is handled before the next one, and a message that fails is retried in
 * place, with a pause that doubles, before anything later of its aggregate is touched. After
 * {@link ConsumerProperties#maxAttempts()} attempts it is parked in {@link DeadLetterStore dead letters} with its
 * reason, and every later event of the same aggregate is parked behind it, in order, while other aggregates flow; an
 * operator then retries or drops the aggregate's letters ({@link #retry}, {@link #retrySequence}, {@link #drop},
 * {@link #dropSequence}). A message that is no Shutter event at all, or one the handler finds incomplete (it throws
 * {@link UndecodableMessageException}), is parked at once.
 *
 * <p>A store that does not answer says nothing about the message: such failures are retried, with a pause up to
 * {@link ConsumerProperties#outageBackoff()}, until it answers again, and never park anything.
 *
 * <p>Each failure is logged once, as one line with its reason; the stack traces are at debug level.
 */
public final class OrderedConsumer {

    /** What a service does with one event. Throwing means "not applied": the event is tried again. */
    @FunctionalInterface
    public interface Handler {
        void handle(WireEvent event);
    }

    private static final Logger log = LoggerFactory.getLogger(OrderedConsumer.class);
    /** Bodies above this are not kept with their letter (a MongoDB document holds 16 MB at most). */
    private static final int MAX_KEPT_BODY_BYTES = 4 * 1024 * 1024;

    private final String name;
    private final WireDecoder decoder;
    private final DeadLetterStore deadLetters;
    private final ConsumerProperties properties;
    private final Handler handler;
    private final Clock clock;
    // Admin calls and the listener take turns, so a retried sequence never interleaves with live messages.
    private final ReentrantLock turn = new ReentrantLock();
    private final AtomicLong lastPosition = new AtomicLong();
    private volatile boolean stopped;
    private int outageAttempts;

    OrderedConsumer(
            String name,
            WireDecoder decoder,
            DeadLetterStore deadLetters,
            ConsumerProperties properties,
            Handler handler,
            Clock clock) {
        this.name = name;
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.handler = handler;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    /**
     * Handles one message from the queue. Returns when the event was applied or parked, so the message can be
     * acknowledged; throws only when interrupted (the container stops), leaving the message to be delivered again.
     */
    public void onMessage(Message message) throws InterruptedException {
        turn.lockInterruptibly();
        try {
            deliver(message);
        } finally {
            turn.unlock();
        }
    }

    private void deliver(Message message) throws InterruptedException {
        WireEvent event;
        try {
            event = decoder.decode(message);
        } catch (UndecodableMessageException e) {
            park(message, null, reason(e), 1);
            return;
        }
        String sequenceKey = event.aggregateId();
        if (event.payload() instanceof UserDeleted) {
            // The account is gone: what waits of its own aggregate is forgotten with it, rather than holding the
            // deletion (and the personal data it erases) behind it.
            whileStoreAnswers(() -> deadLetters.forget(name, sequenceKey));
        }
        if (whileStoreAnswers(() -> deadLetters.isParked(name, sequenceKey))) {
            if (whileStoreAnswers(() -> deadLetters.find(name, letterId(event.eventId())))
                    .isPresent()) {
                log.info("{}: event {} is parked already; its redelivery is dropped", name, event.eventId());
                return;
            }
            park(message, event, "waiting behind an earlier dead letter of aggregate " + sequenceKey, 0);
            return;
        }
        int failedAttempts = 0;
        while (true) {
            try {
                apply(event);
                storeAnswered();
                return;
            } catch (UndecodableMessageException e) {
                // The handler found the event incomplete: no attempt can ever apply it.
                park(message, event, reason(e), failedAttempts + 1);
                return;
            } catch (RuntimeException e) {
                if (Outages.isOutage(e)) {
                    awaitRecovery(e);
                    continue;
                }
                failedAttempts++;
                log.debug("{}: attempt {} at event {} failed", name, failedAttempts, event.eventId(), e);
                if (failedAttempts >= properties.maxAttempts()) {
                    park(message, event, reason(e), failedAttempts);
                    log.debug("{}: the failure that parked event {}", name, event.eventId(), e);
                    return;
                }
                pause(properties.backoff(failedAttempts, properties.maxBackoff()));
            }
        }
    }

    private void apply(WireEvent event) {
        handler.handle(event);
        if (event.payload() instanceof UserDeleted deleted && deleted.userId() != null) {
            long forgotten = deadLetters.forget(name, deleted.userId());
            if (forgotten > 0) {
                log.info("{}: forgot {} dead letters of a deleted account", name, forgotten);
            }
        }
    }

    /** Retries one dead letter, which must be the oldest of its sequence. */
    public RetryOutcome retry(String id) throws InterruptedException {
        turn.lockInterruptibly();
        try {
            DeadLetter letter = deadLetters.find(name, id).orElseThrow(() -> new DeadLetterNotFoundException(id));
            List<DeadLetter> sequence = deadLetters.sequence(name, letter.sequenceKey());
            if (!sequence.isEmpty() && !sequence.get(0).id().equals(id)) {
                throw new NotFirstInSequenceException(id, sequence.get(0).id());
            }
            return retryInOrder(List.of(letter), sequence.size());
        } finally {
            turn.unlock();
        }
    }

    /** Retries every dead letter of one sequence (an aggregate), oldest first, up to the first that fails again. */
    public RetryOutcome retrySequence(String sequenceKey) throws InterruptedException {
        turn.lockInterruptibly();
        try {
            List<DeadLetter> sequence = deadLetters.sequence(name, sequenceKey);
            if (sequence.isEmpty()) {
                throw new DeadLetterNotFoundException(sequenceKey);
            }
            return retryInOrder(sequence, sequence.size());
        } finally {
            turn.unlock();
        }
    }

    private RetryOutcome retryInOrder(List<DeadLetter> letters, int inSequence) {
        int applied = 0;
        for (DeadLetter letter : letters) {
            try {
                apply(decoder.decode(toMessage(letter)));
            } catch (RuntimeException e) {
                String reason = reason(e);
                deadLetters.update(letter.triedAgain(reason, clock.instant()));
                log.warn("{}: dead letter {} failed again: {}", name, letter.id(), reason);
                return new RetryOutcome(applied, inSequence - applied, reason);
            }
            deadLetters.delete(name, letter.id());
            applied++;
        }
        log.info("{}: {} dead letters applied on retry", name, applied);
        return new RetryOutcome(applied, inSequence - applied, null);
    }

    /** Drops one dead letter for good. */
    public void drop(String id) throws InterruptedException {
        turn.lockInterruptibly();
        try {
            deadLetters.find(name, id).orElseThrow(() -> new DeadLetterNotFoundException(id));
            deadLetters.delete(name, id);
            log.info("{}: dead letter {} dropped", name, id);
        } finally {
            turn.unlock();
        }
    }

    /** Drops every dead letter of one sequence for good. */
    public int dropSequence(String sequenceKey) throws InterruptedException {
        turn.lockInterruptibly();
        try {
            List<DeadLetter> sequence = deadLetters.sequence(name, sequenceKey);
            if (sequence.isEmpty()) {
                throw new DeadLetterNotFoundException(sequenceKey);
            }
            sequence.forEach(letter -> deadLetters.delete(name, letter.id()));
            log.info("{}: {} dead letters of {} dropped", name, sequence.size(), sequenceKey);
            return sequence.size();
        } finally {
            turn.unlock();
        }
    }

    public List<DeadLetter> deadLetters(int limit) {
        return deadLetters.list(name, limit);
    }

    public long deadLetterCount() {
        return deadLetters.count(name);
    }

    /** Ends every wait of this consumer: the service is shutting down. */
    void stop() {
        stopped = true;
    }

    private void park(Message message, WireEvent event, String reason, int attempts) throws InterruptedException {
        MessageProperties props = message.getMessageProperties();
        Map<String, Object> headers = storableHeaders(props.getHeaders());
        String aggregateId = event != null ? event.aggregateId() : text(headers.get(WireHeaders.AGGREGATE_ID));
        String eventId = event != null ? event.eventId() : text(headers.get(WireHeaders.MESSAGE_ID));
        String sequenceKey =
                aggregateId != null ? aggregateId : "message:" + (eventId != null ? eventId : UUID.randomUUID());
        String type = event != null
                ? event.payload().getClass().getName()
                : firstNonNull(text(headers.get(WireHeaders.MESSAGE_TYPE)), props.getReceivedRoutingKey());
        Instant now = clock.instant();
        DeadLetter letter = new DeadLetter(
                eventId != null ? letterId(eventId) : UUID.randomUUID().toString(),
                name,
                sequenceKey,
                event != null ? Long.valueOf(event.sequence()) : null,
                nextPosition(now),
                eventId,
                type,
                reason,
                attempts,
                now,
                now,
                headers,
                keptBody(message.getBody()));
        whileStoreAnswers(() -> {
            deadLetters.park(letter);
            return null;
        });
        if (attempts == 0) {
            log.info("{}: event {} of {} parked behind an earlier dead letter", name, eventId, sequenceKey);
        } else {
            log.warn(
                    "{}: parked {} {} of {} after {} attempt(s): {}",
                    name,
                    type,
                    eventId,
                    sequenceKey,
                    attempts,
                    reason);
        }
    }

    /**
     * A letter's id follows from its event's, so that parking a redelivered message again changes nothing; a digest,
     * so that it has one length whatever a message's header holds.
     */
    private String letterId(String eventId) {
        return UUID.nameUUIDFromBytes((name + ":" + eventId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The body, unless it is too big for a store's document: a letter without it can only be dropped. */
    private static String keptBody(byte[] body) {
        if (body == null || body.length > MAX_KEPT_BODY_BYTES) {
            return null;
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private long nextPosition(Instant now) {
        long micros = now.toEpochMilli() * 1_000;
        return lastPosition.updateAndGet(last -> Math.max(last + 1, micros));
    }

    /**
     * Calls the dead-letter store until it answers. Whatever it fails with says nothing about the message, so every
     * failure is waited out like an outage: the message is neither requeued (which would loop) nor lost.
     */
    private <T> T whileStoreAnswers(Supplier<T> call) throws InterruptedException {
        while (true) {
            try {
                T result = call.get();
                storeAnswered();
                return result;
            } catch (RuntimeException e) {
                awaitRecovery(e);
            }
        }
    }

    private void awaitRecovery(RuntimeException e) throws InterruptedException {
        outageAttempts++;
        if (outageAttempts == 1) {
            log.warn("{}: the store does not answer ({}); retrying until it does", name, reason(e));
        }
        pause(properties.backoff(outageAttempts, properties.outageBackoff()));
    }

    private void pause(Duration duration) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        long left;
        while (!stopped && (left = until - System.nanoTime()) > 0) {
            Thread.sleep(Math.min(Duration.ofNanos(left).toMillis() + 1, 100));
        }
        if (stopped) {
            throw new InterruptedException(name + " is stopping");
        }
    }

    private void storeAnswered() {
        if (outageAttempts > 0) {
            log.info("{}: the store answers again", name);
            outageAttempts = 0;
        }
    }

    private static Message toMessage(DeadLetter letter) {
        MessageProperties properties = new MessageProperties();
        letter.headers().forEach(properties::setHeader);
        properties.setReceivedRoutingKey(letter.eventType());
        byte[] body = letter.body() == null ? null : letter.body().getBytes(StandardCharsets.UTF_8);
        return new Message(body, properties);
    }

    /** Headers as plain strings, numbers and booleans, which every store keeps as they are. */
    private static Map<String, Object> storableHeaders(Map<String, Object> headers) {
        Map<String, Object> storable = new LinkedHashMap<>();
        headers.forEach((key, value) -> {
            if (value instanceof Number || value instanceof Boolean || value instanceof String) {
                storable.put(key, value);
            } else if (value != null) {
                storable.put(key, value.toString());
            }
        });
        return storable;
    }

    /** Why a message failed, in one line of at most 500 characters. */
    static String reason(Throwable failure) {
        String message = failure.getMessage();
        String reason = failure instanceof UndecodableMessageException
                ? "not a Shutter event: " + message
                : failure.getClass().getSimpleName() + (message != null ? ": " + message : "");
        return reason.length() <= 500 ? reason : reason.substring(0, 500) + "…";
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }

    /**
     * What a retry did.
     *
     * @param applied letters applied and removed
     * @param remaining letters of the sequence still parked
     * @param failure why the first one that failed again failed, or null when none did
     */
    public record RetryOutcome(int applied, int remaining, String failure) {}
}
