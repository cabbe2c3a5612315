package dev.shutter.command;

/** Stable, machine-readable codes of the business rules a command can break. */
public enum ErrorCode {
    USERNAME_TAKEN,
    EMAIL_TAKEN,
    BAD_CREDENTIALS,
    CANNOT_FOLLOW_SELF,
    MEDIA_NOT_OWNED,
    MEDIA_NOT_READY,
    FORBIDDEN,
    NOT_FOUND
}
