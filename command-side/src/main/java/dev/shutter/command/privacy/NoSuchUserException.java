package dev.shutter.command.privacy;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

class NoSuchUserException extends DomainException {

    NoSuchUserException(String userId) {
        super(ErrorCode.NOT_FOUND, "There is no user " + userId + ".");
    }
}
