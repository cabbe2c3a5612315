package dev.shutter.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private final List<String> checked = new ArrayList<>();
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    /** Accepts tokens named "good-<seconds to live>", refuses every other one. */
    private final JwtDecoder decoder = token -> {
        checked.add(token);
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        long lifetime = Long.parseLong(token.substring("good-".length()));
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("user-1")
                .issuedAt(now)
                .expiresAt(now.plusSeconds(lifetime))
                .build();
    };

    private final VerifiedTokens tokens = new VerifiedTokens(decoder, 100, clock);

    @Test
    void aVerifiedTokenIsCheckedOnceUntilItExpires() {
        Jwt first = tokens.decode("good-900");
        now = now.plus(Duration.ofMinutes(14));

        assertThat(tokens.decode("good-900")).isSameAs(first);
        assertThat(checked).containsExactly("good-900");

        now = NOW.plus(Duration.ofMinutes(15));
        tokens.decode("good-900");
        assertThat(checked).containsExactly("good-900", "good-900");
    }

    @Test
    void aRefusedTokenIsCheckedEveryTime() {
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(checked).containsExactly("forged", "forged");
    }

    @Test
    void eachTokenIsRememberedForItself() {
        tokens.decode("good-60");
        tokens.decode("good-900");
        tokens.decode("good-60");

        assertThat(checked).containsExactly("good-60", "good-900");
    }
}
