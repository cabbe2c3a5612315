package dev.shutter.command.auth;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

class WrongPasswordException extends DomainException {

    WrongPasswordException() {
        super(ErrorCode.WRONG_PASSWORD, "The current password is wrong.");
    }
}
