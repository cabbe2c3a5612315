package dev.shutter.push.fcm;

import java.util.List;

/**
 * FCM kept failing after every retry for some pushes of a batch. They were released in the sent log, so sending
 * them again later (a replay of the dead letter) reaches exactly the devices that have not got them yet.
 */
public class PushDeliveryException extends RuntimeException {

    private final transient List<Push> unsent;

    PushDeliveryException(String message, List<Push> unsent) {
        super(message);
        this.unsent = List.copyOf(unsent);
    }

    /** The pushes that were not sent. */
    public List<Push> unsent() {
        return unsent;
    }
}
