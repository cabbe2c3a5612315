package dev.shutter.command.auth;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

class BadCredentialsException extends DomainException {

    BadCredentialsException() {
        super(ErrorCode.BAD_CREDENTIALS, "The login or the password is wrong.");
    }
}
