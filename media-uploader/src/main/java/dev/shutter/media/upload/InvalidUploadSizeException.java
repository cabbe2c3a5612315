package dev.shutter.media.upload;

import dev.shutter.media.web.ApiException;
import org.springframework.http.HttpStatus;

class InvalidUploadSizeException extends ApiException {

    InvalidUploadSizeException() {
        super(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The size must be a positive number of bytes.");
    }
}
