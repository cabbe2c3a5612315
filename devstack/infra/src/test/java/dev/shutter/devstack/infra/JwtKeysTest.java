package dev.shutter.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class JwtKeysTest {

    private final JwtKeys keys = JwtKeys.generate();

    @Test
    void issuesRs256TokensWithTheClaimsTheServicesRead() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        String token = keys.token("user-1", "ada", Set.of("user", "admin"), Duration.ofMinutes(15));

        Jwt jwt = NimbusJwtDecoder.withPublicKey(keys.publicKey()).build().decode(token);
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("shutter");
        assertThat(jwt.getSubject()).isEqualTo("user-1");
        assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("ada");
        assertThat(jwt.getClaimAsString("scope").split(" ")).containsExactlyInAnyOrder("user", "admin");
        assertThat(jwt.getIssuedAt()).isBetween(before, Instant.now());
        assertThat(jwt.getExpiresAt()).isEqualTo(jwt.getIssuedAt().plus(Duration.ofMinutes(15)));
    }

    @Test
    void issuesExpiredTokensWhenAskedForANegativeLifetime() {
        String token = keys.token("user-1", "ada", Set.of("user"), Duration.ofMinutes(-5));

        assertThatThrownBy(() ->
                        NimbusJwtDecoder.withPublicKey(keys.publicKey()).build().decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void tokensOfAnotherKeyPairDoNotVerify() {
        String foreign = JwtKeys.generate().token("user-1", "ada", Set.of("user"), Duration.ofMinutes(15));

        assertThatThrownBy(() ->
                        NimbusJwtDecoder.withPublicKey(keys.publicKey()).build().decode(foreign))
                .hasMessageContaining("signature");
    }

    @Test
    void hasNoKeyFilesBeforeItIsWritten() {
        assertThatThrownBy(keys::publicKeyFile).isInstanceOf(IllegalStateException.class);
    }
}
