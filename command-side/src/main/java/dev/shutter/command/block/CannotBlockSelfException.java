package dev.shutter.command.block;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

class CannotBlockSelfException extends DomainException {

    CannotBlockSelfException() {
        super(ErrorCode.CANNOT_BLOCK_SELF, "Users cannot block themselves.");
    }
}
