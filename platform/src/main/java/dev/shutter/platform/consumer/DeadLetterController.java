package dev.shutter.platform.consumer;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API of a service's ordered consumers ({@code /api/admin/consumers/{consumer}/...}, admin scope): their
 * dead letters listed, retried one by one or by aggregate in order, and dropped.
 */
@RestController
@RequestMapping("/api/admin/consumers")
public class DeadLetterController {

    private static final int MAX_LIMIT = 500;

    private final OrderedConsumers consumers;

    public DeadLetterController(OrderedConsumers consumers) {
        this.consumers = consumers;
    }

    @GetMapping
    List<ConsumerView> consumers() {
        return java.util.stream.StreamSupport.stream(consumers.all().spliterator(), false)
                .map(consumer -> new ConsumerView(consumer.name(), consumer.deadLetterCount()))
                .sorted(java.util.Comparator.comparing(ConsumerView::name))
                .toList();
    }

    @GetMapping("/{consumer}/dead-letters")
    DeadLetterPage list(@PathVariable String consumer, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidLimitException(limit);
        }
        OrderedConsumer found = consumer(consumer);
        List<DeadLetterView> letters =
                found.deadLetters(limit).stream().map(DeadLetterView::of).toList();
        return new DeadLetterPage(found.name(), found.deadLetterCount(), letters);
    }

    @PostMapping("/{consumer}/dead-letters/{id}/retry")
    OrderedConsumer.RetryOutcome retry(@PathVariable String consumer, @PathVariable String id)
            throws InterruptedException {
        return consumer(consumer).retry(id);
    }

    @PostMapping("/{consumer}/dead-letters/aggregates/{aggregateId}/retry")
    OrderedConsumer.RetryOutcome retryAggregate(@PathVariable String consumer, @PathVariable String aggregateId)
            throws InterruptedException {
        return consumer(consumer).retrySequence(aggregateId);
    }

    @DeleteMapping("/{consumer}/dead-letters/{id}")
    ResponseEntity<Void> drop(@PathVariable String consumer, @PathVariable String id) throws InterruptedException {
        consumer(consumer).drop(id);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{consumer}/dead-letters/aggregates/{aggregateId}")
    Map<String, Integer> dropAggregate(@PathVariable String consumer, @PathVariable String aggregateId)
            throws InterruptedException {
        return Map.of("dropped", consumer(consumer).dropSequence(aggregateId));
    }

    private OrderedConsumer consumer(String name) {
        return consumers.named(name).orElseThrow(() -> new ConsumerNotFoundException(name));
    }

    @ExceptionHandler(ConsumerNotFoundException.class)
    ResponseEntity<ProblemDetail> unknownConsumer(ConsumerNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "consumer-not-found", "CONSUMER_NOT_FOUND", e.getMessage());
    }

    @ExceptionHandler(DeadLetterNotFoundException.class)
    ResponseEntity<ProblemDetail> unknownLetter(DeadLetterNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "dead-letter-not-found", "DEAD_LETTER_NOT_FOUND", e.getMessage());
    }

    @ExceptionHandler(NotFirstInSequenceException.class)
    ResponseEntity<ProblemDetail> notFirst(NotFirstInSequenceException e) {
        ResponseEntity<ProblemDetail> response =
                problem(HttpStatus.CONFLICT, "dead-letter-not-first", "DEAD_LETTER_NOT_FIRST", e.getMessage());
        response.getBody().setProperty("first", e.first());
        return response;
    }

    @ExceptionHandler(InvalidLimitException.class)
    ResponseEntity<ProblemDetail> invalidLimit(InvalidLimitException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-limit", "INVALID_LIMIT", e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://shutter.dev/problems/" + type));
        problem.setProperty("code", code);
        return ResponseEntity.status(status)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    record ConsumerView(String name, long deadLetters) {}

    record DeadLetterPage(String consumer, long total, List<DeadLetterView> deadLetters) {}

    record DeadLetterView(
            String id,
            String aggregateId,
            Long aggregateSequence,
            String eventId,
            String eventType,
            String reason,
            int attempts,
            Instant parkedAt,
            Instant lastAttemptAt) {

        static DeadLetterView of(DeadLetter letter) {
            return new DeadLetterView(
                    letter.id(),
                    letter.sequenceKey(),
                    letter.aggregateSequence(),
                    letter.eventId(),
                    letter.eventType(),
                    letter.reason(),
                    letter.attempts(),
                    letter.parkedAt(),
                    letter.lastAttemptAt());
        }
    }

    static final class ConsumerNotFoundException extends RuntimeException {
        ConsumerNotFoundException(String name) {
            super("No consumer " + name + " in this service");
        }
    }

    static final class InvalidLimitException extends RuntimeException {
        InvalidLimitException(int limit) {
            super("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }
}
