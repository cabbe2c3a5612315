package dev.shutter.media.upload;

import dev.shutter.media.web.ApiException;
import org.springframework.http.HttpStatus;

class UploadInProgressException extends ApiException {

    UploadInProgressException() {
        super(
                HttpStatus.CONFLICT,
                "UPLOAD_IN_PROGRESS",
                "The upload is being completed by another request; ask again shortly.");
    }
}
