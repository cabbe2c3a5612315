package dev.shutter.command.block;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

/** One of the two users blocks the other, so neither may follow, request, like or comment on the other's posts. */
public class BlockedException extends DomainException {

    public BlockedException() {
        super(ErrorCode.BLOCKED, "This is not possible while one of you blocks the other.");
    }
}
