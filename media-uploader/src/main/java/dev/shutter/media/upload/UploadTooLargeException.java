package dev.shutter.media.upload;

import dev.shutter.media.web.ApiException;
import org.springframework.http.HttpStatus;

class UploadTooLargeException extends ApiException {

    UploadTooLargeException(long size, long maxSize) {
        super(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "PAYLOAD_TOO_LARGE",
                "The file has " + size + " bytes; at most " + maxSize + " are accepted.");
    }
}
