package dev.shutter.push.fcm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class FailureTest {

    @Test
    void readsRetryAfterInSeconds() {
        assertThat(Failure.parseRetryAfter(" 3 ")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void readsRetryAfterAsHttpDate() {
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));

        assertThat(Failure.parseRetryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
    }

    @Test
    void ignoresMissingOrGarbledRetryAfter() {
        assertThat(Failure.parseRetryAfter(null)).isZero();
        assertThat(Failure.parseRetryAfter("soon")).isZero();
        assertThat(Failure.parseRetryAfter("-5")).isZero();
    }
}
