package dev.shutter.push.fcm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff =
            new Backoff(new RetryProperties(4, Duration.ofMillis(400), Duration.ofSeconds(2)), new Random(7));

    @Test
    void waitsLongerBeforeEachFurtherAttempt() {
        assertThat(backoff.before(2, Duration.ZERO))
                .hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofMillis(200), Duration.ofMillis(400)));
        assertThat(backoff.before(3, Duration.ZERO))
                .hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofMillis(400), Duration.ofMillis(800)));
        assertThat(backoff.before(4, Duration.ZERO)).hasValueSatisfying(wait -> assertThat(wait)
                .isBetween(Duration.ofMillis(800), Duration.ofMillis(1600)));
    }

    @Test
    void neverWaitsLongerThanTheMaximum() {
        Backoff longRunning =
                new Backoff(new RetryProperties(40, Duration.ofMillis(400), Duration.ofSeconds(2)), new Random(7));

        assertThat(longRunning.before(30, Duration.ZERO))
                .hasValueSatisfying(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void waitsAtLeastAsLongAsTheServerAsked() {
        assertThat(backoff.before(2, Duration.ofMillis(1500))).hasValue(Duration.ofMillis(1500));
    }

    @Test
    void givesUpWhenTheAttemptsAreUsedUp() {
        assertThat(backoff.before(5, Duration.ZERO)).isEmpty();
    }

    @Test
    void givesUpWhenTheServerAsksForALongerPauseThanAllowed() {
        assertThat(backoff.before(2, Duration.ofSeconds(3))).isEmpty();
    }
}
