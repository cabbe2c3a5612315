package dev.shutter.media.upload;

import dev.shutter.media.web.ApiException;
import org.springframework.http.HttpStatus;

class UploadNotFoundException extends ApiException {

    UploadNotFoundException() {
        super(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such upload.");
    }
}
