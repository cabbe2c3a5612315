package dev.shutter.command.auth;

import dev.shutter.command.web.Problems;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The answers of authentication that need more than a code: {@code Retry-After} on 429, and the field a rejected new
 * password names. Ordered before the service's general handler, which answers every other failure.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuthExceptionHandler {

    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<ProblemDetail> onTooManyAttempts(TooManyAttemptsException e) {
        HttpStatus status = e.code().status();
        return ResponseEntity.status(status)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(Problems.of(status, e.code().name(), e.getMessage()));
    }

    @ExceptionHandler(NewPasswordRejectedException.class)
    ResponseEntity<ProblemDetail> onNewPasswordRejected(NewPasswordRejectedException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request is invalid.");
        problem.setProperty("errors", List.of(Map.of("field", "newPassword", "message", e.getMessage())));
        return ResponseEntity.badRequest().body(problem);
    }
}
