package dev.shutter.command.media;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

/** The media cannot be used in a post: it is not stored yet, or never will be again. */
class MediaNotReadyException extends DomainException {

    private MediaNotReadyException(String detail) {
        super(ErrorCode.MEDIA_NOT_READY, detail);
    }

    static MediaNotReadyException notStoredYet(String mediaId) {
        return new MediaNotReadyException("The media " + mediaId + " does not exist or is not processed yet.");
    }

    static MediaNotReadyException rejected(String mediaId) {
        return new MediaNotReadyException("The media " + mediaId + " was rejected when it was uploaded.");
    }

    static MediaNotReadyException deleted(String mediaId) {
        return new MediaNotReadyException("The media " + mediaId + " was deleted with the post that showed it.");
    }
}
