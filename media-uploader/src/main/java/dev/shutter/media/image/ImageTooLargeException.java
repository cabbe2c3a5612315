package dev.shutter.media.image;

import dev.shutter.media.web.ApiException;
import org.springframework.http.HttpStatus;

public class ImageTooLargeException extends ApiException {

    ImageTooLargeException(int width, int height, ImageLimits limits) {
        super(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "IMAGE_TOO_LARGE",
                "The image is %d x %d pixels; at most %d pixels and %d on either side are accepted."
                        .formatted(width, height, limits.maxPixels(), limits.maxSide()));
    }
}
