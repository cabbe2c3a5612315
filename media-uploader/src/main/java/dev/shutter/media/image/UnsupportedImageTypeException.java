package dev.shutter.media.image;

import dev.shutter.media.web.ApiException;
import org.springframework.http.HttpStatus;

public class UnsupportedImageTypeException extends ApiException {

    UnsupportedImageTypeException() {
        super(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "UNSUPPORTED_MEDIA_TYPE",
                "The file is not a JPEG, PNG or WebP image.");
    }
}
