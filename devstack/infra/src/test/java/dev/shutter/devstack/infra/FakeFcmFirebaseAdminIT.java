package dev.shutter.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.Notification;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Firebase Admin SDK, pointed at the fake, understands its answers. */
class FakeFcmFirebaseAdminIT {

    private final FakeFcm fcm = FakeFcm.start();
    private FirebaseApp app;
    private FirebaseMessaging messaging;

    @BeforeEach
    void connect() {
        URI base = URI.create(fcm.baseUrl());
        // every request goes to the fake, whatever host the SDK aims at
        NetHttpTransport transport = new NetHttpTransport.Builder()
                .setConnectionFactory(url -> (HttpURLConnection)
                        new URL(base.getScheme(), base.getHost(), base.getPort(), url.getFile()).openConnection())
                .build();
        FirebaseOptions options = FirebaseOptions.builder()
                .setCredentials(GoogleCredentials.create(
                        new AccessToken("fake", new Date(System.currentTimeMillis() + 3_600_000))))
                .setProjectId("shutter-dev")
                .setHttpTransport(transport)
                .build();
        app = FirebaseApp.initializeApp(options, "fake-fcm-" + UUID.randomUUID());
        messaging = FirebaseMessaging.getInstance(app);
    }

    @AfterEach
    void disconnect() {
        app.delete();
        fcm.close();
    }

    @Test
    void sendReturnsTheMessageNameAndTheFakeRecordsNotificationAndData() throws Exception {
        String name = messaging.send(message("device-1"));

        assertThat(name).matches("projects/shutter-dev/messages/\\d+");
        assertThat(fcm.messages()).singleElement().satisfies(received -> {
            assertThat(received.token()).isEqualTo("device-1");
            assertThat(received.notification())
                    .containsEntry("title", "New like")
                    .containsEntry("body", "ada likes it");
            assertThat(received.data()).containsEntry("postId", "p1");
        });
    }

    @Test
    void sdkReportsUnregisteredTokens() {
        fcm.unregistered("gone");

        assertThatThrownBy(() -> messaging.send(message("gone")))
                .isInstanceOfSatisfying(FirebaseMessagingException.class, e -> assertThat(e.getMessagingErrorCode())
                        .isEqualTo(MessagingErrorCode.UNREGISTERED));
    }

    @Test
    void sdkRetriesAfterUnavailableAndTheMessageIsRecordedOnce() throws Exception {
        fcm.failNext(1, 503, Duration.ofSeconds(1));

        messaging.send(message("device-1"));

        assertThat(fcm.messages()).hasSize(1);
    }

    @Test
    void sendEachReportsEachMessageOnItsOwn() throws Exception {
        fcm.unregistered("gone");
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(message("device-" + i));
        }
        batch.add(message("gone"));

        BatchResponse response = messaging.sendEach(batch);

        assertThat(response.getSuccessCount()).isEqualTo(20);
        assertThat(response.getFailureCount()).isEqualTo(1);
        assertThat(response.getResponses().get(20).getException().getMessagingErrorCode())
                .isEqualTo(MessagingErrorCode.UNREGISTERED);
        assertThat(fcm.messages()).hasSize(20);
    }

    private static Message message(String token) {
        return Message.builder()
                .setToken(token)
                .setNotification(Notification.builder()
                        .setTitle("New like")
                        .setBody("ada likes it")
                        .build())
                .putData("postId", "p1")
                .build();
    }
}
