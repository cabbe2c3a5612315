package dev.shutter.command.follow;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

class CannotFollowSelfException extends DomainException {

    CannotFollowSelfException() {
        super(ErrorCode.CANNOT_FOLLOW_SELF, "Users cannot follow themselves.");
    }
}
