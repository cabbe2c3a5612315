package dev.shutter.push.fcm;

import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.AndroidNotification;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
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

    static Message message(Push push) {
        Message.Builder message = Message.builder()
                .setToken(push.token())
                .setNotification(Notification.builder()
                        .setTitle(push.title())
                        .setBody(push.body())
                        .setImage(push.imageUrl())
                        .build())
                .putAllData(push.data());
        if (push.collapseKey() != null) {
            message.setAndroidConfig(AndroidConfig.builder()
                            .setCollapseKey(push.collapseKey())
                            .setNotification(AndroidNotification.builder()
                                    .setTag(push.collapseKey())
                                    .build())
                            .build())
                    .setApnsConfig(ApnsConfig.builder()
                            .putHeader("apns-collapse-id", push.collapseKey())
                            .setAps(Aps.builder()
                                    .setThreadId(push.collapseKey())
                                    .build())
                            .build());
        }
        return message.build();
    }
}
