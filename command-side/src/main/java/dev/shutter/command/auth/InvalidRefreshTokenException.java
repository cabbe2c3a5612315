package dev.shutter.command.auth;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

/** The refresh token is unknown, expired, or of a session that ended (logout, password change, reuse). */
class InvalidRefreshTokenException extends DomainException {

    InvalidRefreshTokenException() {
        super(ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is not valid; sign in again.");
    }
}
