package dev.shutter.command.personal;

import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;

/** Part of the caller's data lives in a service that does not answer: no export rather than an incomplete one. */
class ExportUnavailableException extends DomainException {

    ExportUnavailableException(Throwable cause) {
        super(
                ErrorCode.SERVICE_UNAVAILABLE,
                "Your notification settings and inbox cannot be read right now, so no export is made; try again"
                        + " shortly.");
        initCause(cause);
    }
}
