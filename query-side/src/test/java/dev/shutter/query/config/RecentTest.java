package dev.shutter.query.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void readsAgainOnlyOnceTheValueIsOlderThanItsMaximumAge() {
        Recent<String, Integer> recent =
                new Recent<>(Duration.ofSeconds(1), nanos::get, key -> reads.incrementAndGet());

        assertThat(recent.get("a")).isEqualTo(1);
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(recent.get("a")).isEqualTo(1);
        assertThat(recent.get("b")).isEqualTo(2);
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(recent.get("a")).isEqualTo(3);
    }

    @Test
    void whileOneCallerReadsAgainTheOthersGetTheValueReadBefore() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recent<String, Integer> recent = new Recent<>(Duration.ofSeconds(1), nanos::get, key -> {
            int read = reads.incrementAndGet();
            if (read == 2) {
                reading.countDown();
                await(release);
            }
            return read;
        });
        recent.get("a");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        ExecutorService renewer = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> renewed = renewer.submit(() -> recent.get("a"));
            assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();

            assertThat(recent.get("a")).isEqualTo(1);
            release.countDown();
            assertThat(renewed.get(5, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(recent.get("a")).isEqualTo(2);
            assertThat(reads).hasValue(2);
        } finally {
            release.countDown();
            renewer.shutdownNow();
        }
    }

    @Test
    void aFailedReadLetsTheNextCallerTryAgain() {
        AtomicInteger calls = new AtomicInteger();
        Recent<String, Integer> recent = new Recent<>(Duration.ofSeconds(1), nanos::get, key -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("store unavailable");
            }
            return calls.get();
        });
        recent.get("a");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThatThrownBy(() -> recent.get("a")).isInstanceOf(IllegalStateException.class);
        assertThat(recent.get("a")).isEqualTo(3);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
