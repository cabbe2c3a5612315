package dev.shutter.platform.consumer;

/** A dead letter can only be retried on its own when every earlier one of its sequence is gone. */
public class NotFirstInSequenceException extends RuntimeException {

    private final String first;

    public NotFirstInSequenceException(String id, String first) {
        super("Dead letter " + id + " waits behind " + first + " of the same aggregate: retry that one, or the"
                + " whole aggregate, first");
        this.first = first;
    }

    public String first() {
        return first;
    }
}
