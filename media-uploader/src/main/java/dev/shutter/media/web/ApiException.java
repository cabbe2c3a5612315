package dev.shutter.media.web;

import org.springframework.http.HttpStatus;

/**
 * A request that cannot be served for a reason the caller should learn about. Each subtype fixes
 * the HTTP status and the stable error code of one failure; the advice turns it into a problem.
 */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    protected ApiException(HttpStatus status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    protected ApiException(HttpStatus status, String code, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
