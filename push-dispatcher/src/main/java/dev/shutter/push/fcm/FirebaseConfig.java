package dev.shutter.push.fcm;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.FirebaseMessaging;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This service's own named {@code FirebaseApp}, deleted when the application context closes. */
@Configuration(proxyBeanMethods = false)
class FirebaseConfig {

    private static final Logger log = LoggerFactory.getLogger(FirebaseConfig.class);

    @Bean(destroyMethod = "delete")
    FirebaseApp pushFirebaseApp(FcmProperties properties) throws IOException {
        int timeoutMillis = Math.toIntExact(properties.timeout().toMillis());
        FirebaseOptions.Builder options = FirebaseOptions.builder()
                .setProjectId(properties.projectId())
                .setCredentials(credentials(properties))
                .setConnectTimeout(timeoutMillis)
                .setReadTimeout(timeoutMillis);
        if (properties.endpoint() != null) {
            log.info("Sending FCM messages to {} instead of Google", properties.endpoint());
            options.setHttpTransport(new NetHttpTransport.Builder()
                    .setConnectionFactory(new EndpointRewritingConnectionFactory(properties.endpoint()))
                    .build());
        }
        return FirebaseApp.initializeApp(options.build(), properties.appName());
    }

    @Bean
    FirebaseMessaging pushFirebaseMessaging(FirebaseApp pushFirebaseApp) {
        return FirebaseMessaging.getInstance(pushFirebaseApp);
    }

    private static GoogleCredentials credentials(FcmProperties properties) throws IOException {
        if (properties.credentialsLocation() != null) {
            try (InputStream json = properties.credentialsLocation().getInputStream()) {
                return GoogleCredentials.fromStream(json);
            }
        }
        if (properties.endpoint() == null) {
            log.warn("No FCM credentials configured: calls to Google's FCM will be refused");
        }
        // A token that never expires, so firebase-admin never tries to refresh it from Google.
        return GoogleCredentials.create(
                new AccessToken("fake", Date.from(Instant.now().plus(3650, ChronoUnit.DAYS))));
    }
}
