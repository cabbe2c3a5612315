package dev.shutter.platform.wire;

/** A message that is not a well-formed Shutter event: no number of retries can ever handle it. */
public class UndecodableMessageException extends RuntimeException {

    public UndecodableMessageException(String reason) {
        super(reason);
    }

    public UndecodableMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
