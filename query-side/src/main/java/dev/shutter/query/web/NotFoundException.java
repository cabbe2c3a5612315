package dev.shutter.query.web;

/** The asked-for user, post or list owner is not in the read model (or the post was deleted). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String id) {
        super(what + " " + id + " was not found");
    }
}
