package dev.shutter.command.follow;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

class FollowRequestNotFoundException extends DomainException {

    FollowRequestNotFoundException(String followerId) {
        super(ErrorCode.NOT_FOUND, "There is no pending follow request from " + followerId + ".");
    }
}
