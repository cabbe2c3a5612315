package dev.shutter.command.media;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

class MediaNotOwnedException extends DomainException {

    MediaNotOwnedException(String mediaId) {
        super(ErrorCode.MEDIA_NOT_OWNED, "The media " + mediaId + " belongs to another user.");
    }
}
