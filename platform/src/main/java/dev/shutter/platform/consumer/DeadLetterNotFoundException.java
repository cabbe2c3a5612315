package dev.shutter.platform.consumer;

/** No dead letter, or no sequence of dead letters, has this id. */
public class DeadLetterNotFoundException extends RuntimeException {

    public DeadLetterNotFoundException(String id) {
        super("No dead letter " + id);
    }
}
