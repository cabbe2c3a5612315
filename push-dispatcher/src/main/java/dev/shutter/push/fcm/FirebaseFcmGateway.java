package dev.shutter.push.fcm;

import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.Notification;
import java.util.List;
import org.springframework.stereotype.Component;

/** Sends through firebase-admin's {@code sendEach}: one HTTP v1 request per message, in parallel. */
@Component
class FirebaseFcmGateway implements FcmGateway {

    private final FirebaseMessaging messaging;

    FirebaseFcmGateway(FirebaseMessaging messaging) {
        this.messaging = messaging;
    }

    @Override
    public BatchResponse sendEach(List<Push> pushes) throws FirebaseMessagingException {
        return messaging.sendEach(
                pushes.stream().map(FirebaseFcmGateway::message).toList());
    }

    private static Message message(Push push) {
        return Message.builder()
                .setToken(push.token())
                .setNotification(Notification.builder()
                        .setTitle(push.title())
                        .setBody(push.body())
                        .build())
                .putAllData(push.data())
                .build();
    }
}
