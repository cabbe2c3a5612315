package dev.shutter.media.upload;

import dev.shutter.media.web.ApiException;
import org.springframework.http.HttpStatus;

class NotYourUploadException extends ApiException {

    NotYourUploadException() {
        super(HttpStatus.FORBIDDEN, "FORBIDDEN", "The upload belongs to another user.");
    }
}
