package dev.shutter.push.fcm;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Where and as whom FCM is called.
 *
 * @param projectId the Firebase project the messages are sent in
 * @param endpoint when set, every FCM request goes to this scheme, host and port instead of
 *     {@code https://fcm.googleapis.com} (a local fake in development and tests)
 * @param credentialsLocation a service-account JSON; when absent a fixed fake access token is used,
 *     which only a fake endpoint accepts
 * @param appName the name of this service's {@code FirebaseApp}; never the default app, because the
 *     JVM may hold other Firebase apps
 * @param timeout connect and read timeout of one FCM request
 */
@ConfigurationProperties("shutter.push.fcm")
record FcmProperties(
        @DefaultValue("shutter-dev") String projectId,
        URI endpoint,
        Resource credentialsLocation,
        @DefaultValue("shutter-push") String appName,
        @DefaultValue("10s") Duration timeout) {}
