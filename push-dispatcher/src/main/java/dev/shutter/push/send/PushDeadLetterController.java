package dev.shutter.push.send;

import dev.shutter.push.notify.WorkPublisher;
import dev.shutter.push.web.InvalidRequestException;
import dev.shutter.push.web.InvalidRequestException.FieldError;
import dev.shutter.push.web.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * For operators (admin scope): the pushes that still failed after every retry, and replaying them. A replay puts
 * the work item back on the work queue; devices that got the push meanwhile are skipped by the sent log. (Events the
 * consumer could not handle are the platform's consumer dead letters, under {@code /api/admin/consumers}.)
 */
@RestController
class PushDeadLetterController {

    private static final int MAX_LIMIT = 500;

    private final DeadLetters deadLetters;
    private final WorkPublisher publisher;

    PushDeadLetterController(DeadLetters deadLetters, WorkPublisher publisher) {
        this.deadLetters = deadLetters;
        this.publisher = publisher;
    }

    @GetMapping("/api/admin/push/dead-letters")
    Page list(@RequestParam(required = false) String limit) {
        return new Page(deadLetters.newestFirst(limit(limit)).stream()
                .map(PushDeadLetterController::view)
                .toList());
    }

    @PostMapping("/api/admin/push/dead-letters/{id}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Replayed replay(@PathVariable String id) {
        DeadLetters.DeadLetter letter =
                deadLetters.find(id).orElseThrow(() -> new NotFoundException("No dead letter " + id + "."));
        replay(letter);
        return new Replayed(1);
    }

    @PostMapping("/api/admin/push/dead-letters/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Replayed replayAll() {
        int replayed = 0;
        List<DeadLetters.DeadLetter> batch;
        while (!(batch = deadLetters.newestFirst(MAX_LIMIT)).isEmpty()) {
            batch.forEach(this::replay);
            replayed += batch.size();
        }
        return new Replayed(replayed);
    }

    private void replay(DeadLetters.DeadLetter letter) {
        publisher.publish(List.of(letter.item()));
        deadLetters.delete(letter.id());
    }

    private static View view(DeadLetters.DeadLetter letter) {
        var notification = letter.item().notification();
        return new View(
                letter.id(),
                notification.id(),
                notification.type().wireName(),
                notification.postId(),
                notification.actorId(),
                letter.item().recipients().size(),
                letter.item().tokenCount(),
                letter.reason(),
                letter.failedAt());
    }

    private static int limit(String limit) {
        if (limit == null) {
            return 100;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException(
                List.of(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT)));
    }

    record Page(List<View> items) {}

    record View(
            String id,
            String notificationId,
            String type,
            String postId,
            String actorId,
            int recipients,
            int pushes,
            String reason,
            Instant failedAt) {}

    record Replayed(int replayed) {}
}
