package dev.shutter.command.personal;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

/** The password that confirms a deletion is not the account's. */
class WrongPasswordException extends DomainException {

    WrongPasswordException() {
        super(ErrorCode.WRONG_PASSWORD, "The password is wrong; the account was not deleted.");
    }
}
