package dev.shutter.command.post;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

class PostNotFoundException extends DomainException {

    PostNotFoundException(String postId) {
        super(ErrorCode.NOT_FOUND, "There is no post " + postId + ".");
    }
}
