package dev.shutter.media.upload;

import dev.shutter.media.web.ApiException;
import org.springframework.http.HttpStatus;

class UploadNotReceivedException extends ApiException {

    UploadNotReceivedException() {
        super(
                HttpStatus.CONFLICT,
                "UPLOAD_NOT_RECEIVED",
                "Nothing has been uploaded to the upload URL yet; PUT the file, then complete the upload.");
    }
}
