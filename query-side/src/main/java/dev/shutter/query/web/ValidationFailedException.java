package dev.shutter.query.web;

/** A request parameter outside what the endpoint accepts. */
public class ValidationFailedException extends RuntimeException {

    private final String field;

    public ValidationFailedException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
