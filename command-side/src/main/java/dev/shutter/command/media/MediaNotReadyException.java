package dev.shutter.command.media;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

class MediaNotReadyException extends DomainException {

    MediaNotReadyException(String mediaId) {
        super(ErrorCode.MEDIA_NOT_READY, "The media " + mediaId + " does not exist or is not processed yet.");
    }
}
