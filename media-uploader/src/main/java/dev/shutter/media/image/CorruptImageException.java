package dev.shutter.media.image;

import dev.shutter.media.web.ApiException;
import org.springframework.http.HttpStatus;

public class CorruptImageException extends ApiException {

    CorruptImageException(ImageFormat format, Throwable cause) {
        super(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "CORRUPT_IMAGE",
                "The file starts like a " + format.name() + " image but cannot be decoded.",
                cause);
    }
}
