package dev.shutter.command.follow;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

class UnknownUserException extends DomainException {

    UnknownUserException(String userId) {
        super(ErrorCode.NOT_FOUND, "There is no user " + userId + ".");
    }
}
