package dev.shutter.command.auth;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;
import java.time.Duration;

/** Too many wrong passwords for the account or from the client address; answered with {@code Retry-After}. */
class TooManyAttemptsException extends DomainException {

    private final Duration retryAfter;

    TooManyAttemptsException(Duration retryAfter) {
        super(ErrorCode.TOO_MANY_ATTEMPTS, "Too many failed sign-in attempts; try again later.");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up, at least one. */
    long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
