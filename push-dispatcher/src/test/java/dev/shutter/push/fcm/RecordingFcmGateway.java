package dev.shutter.push.fcm;

import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Remembers the tokens of every {@code sendEach} call, then sends through firebase-admin as usual. */
public class RecordingFcmGateway implements FcmGateway {

    private final FcmGateway delegate;
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();

    RecordingFcmGateway(FcmGateway delegate) {
        this.delegate = delegate;
    }

    @Override
    public BatchResponse sendEach(List<Push> pushes) throws FirebaseMessagingException {
        batches.add(pushes.stream().map(Push::token).toList());
        return delegate.sendEach(pushes);
    }

    /** The sizes of the batches that contained any of the tokens, in call order. */
    public List<Integer> batchSizesWithAnyOf(List<String> tokens) {
        return batches.stream()
                .filter(batch -> batch.stream().anyMatch(tokens::contains))
                .map(List::size)
                .toList();
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        @Primary
        RecordingFcmGateway recordingFcmGateway(FirebaseMessaging messaging) {
            return new RecordingFcmGateway(new FirebaseFcmGateway(messaging));
        }
    }
}
