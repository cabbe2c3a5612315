package dev.shutter.media.publishing;

import dev.shutter.media.web.ApiException;
import org.springframework.http.HttpStatus;

/** The broker did not confirm the event; the upload is kept and the event is published again later. */
public class EventNotPublishedException extends ApiException {

    EventNotPublishedException(Throwable cause) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "SERVICE_UNAVAILABLE",
                "The photo is stored but could not be announced yet; try again shortly.",
                cause);
    }
}
