package dev.shutter.media.upload;

import dev.shutter.media.web.ApiException;
import org.springframework.http.HttpStatus;

/** The answer a rejected direct upload got, given again to every later attempt to complete it. */
class UploadRejectedException extends ApiException {

    UploadRejectedException(UploadDocument.Rejection rejection) {
        super(HttpStatus.valueOf(rejection.status()), rejection.code(), rejection.detail());
    }
}
