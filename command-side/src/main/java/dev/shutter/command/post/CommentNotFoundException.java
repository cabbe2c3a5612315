package dev.shutter.command.post;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

class CommentNotFoundException extends DomainException {

    CommentNotFoundException(String commentId) {
        super(ErrorCode.NOT_FOUND, "There is no comment " + commentId + " on this post.");
    }
}
