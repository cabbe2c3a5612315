package dev.shutter.command;

/**
 * A message from another service that decodes but lacks what the command side needs (a media event without its
 * owner, a rejected token without its user). No attempt can apply it: its ordered consumer parks it as a dead letter
 * with this reason.
 */
public class IncompleteMessageException extends RuntimeException {

    public IncompleteMessageException(String message) {
        super(message);
    }
}
