package dev.shutter.command.post;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

class NotYoursException extends DomainException {

    NotYoursException(String refusal) {
        super(ErrorCode.FORBIDDEN, refusal);
    }
}
