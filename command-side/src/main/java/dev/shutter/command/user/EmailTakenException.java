package dev.shutter.command.user;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

class EmailTakenException extends DomainException {

    EmailTakenException(String email) {
        super(ErrorCode.EMAIL_TAKEN, "An account with the e-mail address '" + email + "' already exists.");
    }
}
