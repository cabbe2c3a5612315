package dev.shutter.push.fcm;

import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessagingException;
import java.util.List;

/** One call of FCM with up to {@value #MAX_BATCH} pushes; one response per push, in order. */
interface FcmGateway {

    int MAX_BATCH = 500;

    BatchResponse sendEach(List<Push> pushes) throws FirebaseMessagingException;
}
