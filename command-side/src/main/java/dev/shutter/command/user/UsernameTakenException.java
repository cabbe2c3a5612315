package dev.shutter.command.user;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

class UsernameTakenException extends DomainException {

    UsernameTakenException(String username) {
        super(ErrorCode.USERNAME_TAKEN, "The username '" + username + "' is already taken.");
    }
}
