package dev.shutter.query.web;

/** A {@code cursor} that this service did not hand out. */
class InvalidCursorException extends RuntimeException {

    InvalidCursorException() {
        super("The cursor is not one this API returned");
    }
}
