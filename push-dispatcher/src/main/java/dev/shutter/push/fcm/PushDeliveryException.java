package dev.shutter.push.fcm;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;

/**
 * FCM kept failing after every retry. The message goes to the dead-letter queue rather than back
 * to the head of the ordered queue, where it would hold up every later event for as long as FCM is
 * down. Moving it back from the dead-letter queue later is safe: devices already reached are in
 * the sent log and are skipped.
 */
public class PushDeliveryException extends AmqpRejectAndDontRequeueException {

    PushDeliveryException(String message) {
        super(message);
    }
}
