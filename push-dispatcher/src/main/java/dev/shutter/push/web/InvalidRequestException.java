package dev.shutter.push.web;

import java.util.List;

/** The request is well-formed JSON but asks for something this service does not accept; nothing was changed. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super("The request is invalid: " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One offending field and what is wrong with it. */
    public record FieldError(String field, String message) {}
}
