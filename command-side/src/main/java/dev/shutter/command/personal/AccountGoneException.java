package dev.shutter.command.personal;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

/** The token is valid but its account no longer exists. */
class AccountGoneException extends DomainException {

    AccountGoneException(String userId) {
        super(ErrorCode.NOT_FOUND, "There is no account " + userId + ".");
    }
}
