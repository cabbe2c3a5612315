package dev.shutter.push.web;

/** The thing the request names does not exist. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
