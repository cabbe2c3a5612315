package dev.shutter.bench.push;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.Notification;
import dev.shutter.devstack.infra.FakeFcm;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fake FCM alone: {@code concurrency} threads each send {@code sendEach} calls of 500 messages through
 * firebase-admin, as many senders as push-dispatcher runs, until {@code total} messages went out. No broker, no
 * database: the ceiling the fake and the client put on a fan-out with that concurrency.
 */
final class FakeAlone {

    private FakeAlone() {}

    record Result(int messages, double seconds) {
        double perSecond() {
            return messages / seconds;
        }
    }

    static Result measure(FakeFcm fcm, int total, int concurrency) throws Exception {
        URI endpoint = URI.create(fcm.baseUrl());
        FirebaseApp app = FirebaseApp.initializeApp(
                FirebaseOptions.builder()
                        .setProjectId("shutter-bench")
                        .setCredentials(GoogleCredentials.create(
                                new AccessToken("fake", Date.from(Instant.now().plus(1, ChronoUnit.DAYS)))))
                        .setHttpTransport(new NetHttpTransport.Builder()
                                .setConnectionFactory(url -> open(endpoint, url))
                                .build())
                        .build(),
                "bench-fake-alone");
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        try {
            FirebaseMessaging messaging = FirebaseMessaging.getInstance(app);
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<Integer>> results = new ArrayList<>();
            for (int s = 0; s < concurrency; s++) {
                results.add(senders.submit(() -> {
                    int sent = 0;
                    for (int from; (from = next.getAndAdd(500)) < total; ) {
                        List<Message> batch = new ArrayList<>();
                        for (int i = from; i < Math.min(total, from + 500); i++) {
                            batch.add(Message.builder()
                                    .setToken("alone-" + i)
                                    .setNotification(Notification.builder()
                                            .setTitle("New post")
                                            .setBody("someone shared a photo")
                                            .build())
                                    .putData("type", "new_post")
                                    .build());
                        }
                        BatchResponse response = messaging.sendEach(batch);
                        sent += response.getSuccessCount();
                    }
                    return sent;
                }));
            }
            int sent = 0;
            for (Future<Integer> result : results) {
                sent += result.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(sent, seconds);
        } finally {
            senders.shutdownNow();
            app.delete();
        }
    }

    @SuppressWarnings("deprecation") // URI cannot carry the already-encoded file part unchanged
    private static HttpURLConnection open(URI endpoint, URL url) throws java.io.IOException {
        return (HttpURLConnection)
                new URL(endpoint.getScheme(), endpoint.getHost(), endpoint.getPort(), url.getFile()).openConnection();
    }
}
