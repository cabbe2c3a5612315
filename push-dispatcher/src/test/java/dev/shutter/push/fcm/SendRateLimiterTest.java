package dev.shutter.push.fcm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SendRateLimiterTest {

    private final SendRateLimiter limiter =
            new SendRateLimiter(new SendProperties(4, 600_000, 500, Duration.ofMinutes(10)));

    @Test
    void startsAtTheConfiguredCeiling() {
        assertThat(limiter.perMinute()).isEqualTo(600_000);
    }

    @Test
    void halvesTheRateEveryTimeFcmThrottles() {
        limiter.throttled(Duration.ZERO);
        limiter.throttled(Duration.ZERO);

        assertThat(limiter.perMinute()).isEqualTo(150_000);
    }

    @Test
    void climbsBackToTheCeilingButNotAboveAfterCallsThatWentThrough() {
        limiter.throttled(Duration.ZERO);
        limiter.succeeded();
        assertThat(limiter.perMinute()).isEqualTo(312_000);

        for (int i = 0; i < 100; i++) {
            limiter.succeeded();
        }

        assertThat(limiter.perMinute()).isEqualTo(600_000);
    }

    @Test
    void neverDropsBelowTenMessagesASecond() {
        for (int i = 0; i < 50; i++) {
            limiter.throttled(Duration.ZERO);
        }

        assertThat(limiter.perMinute()).isEqualTo(600);
    }
}
