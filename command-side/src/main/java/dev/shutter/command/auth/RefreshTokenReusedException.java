package dev.shutter.command.auth;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

/** A spent refresh token came back: somebody may hold a copy, so the whole session was ended. */
class RefreshTokenReusedException extends DomainException {

    RefreshTokenReusedException() {
        super(
                ErrorCode.REFRESH_TOKEN_REUSED,
                "This refresh token was already used; the session is ended for safety. Sign in again.");
    }
}
