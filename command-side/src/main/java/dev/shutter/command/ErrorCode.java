package dev.shutter.command;

import org.springframework.http.HttpStatus;

/** Stable, machine-readable codes of the business rules a command can break, each with the status it answers. */
public enum ErrorCode {
    USERNAME_TAKEN(HttpStatus.CONFLICT),
    EMAIL_TAKEN(HttpStatus.CONFLICT),
    BAD_CREDENTIALS(HttpStatus.UNAUTHORIZED),
    INVALID_REFRESH_TOKEN(HttpStatus.UNAUTHORIZED),
    REFRESH_TOKEN_REUSED(HttpStatus.UNAUTHORIZED),
    TOO_MANY_ATTEMPTS(HttpStatus.TOO_MANY_REQUESTS),
    WRONG_PASSWORD(HttpStatus.FORBIDDEN),
    CANNOT_FOLLOW_SELF(HttpStatus.UNPROCESSABLE_ENTITY),
    CANNOT_BLOCK_SELF(HttpStatus.UNPROCESSABLE_ENTITY),
    BLOCKED(HttpStatus.FORBIDDEN),
    MEDIA_NOT_OWNED(HttpStatus.UNPROCESSABLE_ENTITY),
    MEDIA_NOT_READY(HttpStatus.UNPROCESSABLE_ENTITY),
    FORBIDDEN(HttpStatus.FORBIDDEN),
    NOT_FOUND(HttpStatus.NOT_FOUND),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE);

    private final HttpStatus status;

    ErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
