package dev.shutter.media.upload;

import dev.shutter.media.web.ApiException;
import org.springframework.http.HttpStatus;

class UploadExpiredException extends ApiException {

    UploadExpiredException() {
        super(HttpStatus.GONE, "UPLOAD_EXPIRED", "The upload expired before it was completed; start a new one.");
    }
}
