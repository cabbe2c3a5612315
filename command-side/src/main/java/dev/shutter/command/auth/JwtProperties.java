package dev.shutter.command.auth;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Signing keys (PKCS#8 and X.509 PEM) and token settings. Without keys a key pair is generated at
 * start-up, which only suits a single instance that nobody else validates tokens for.
 * {@code previousPublicKeyLocations} are X.509 PEM keys that signed tokens before the current key: they stay in the
 * JWK set (and keep validating) until every token they signed has expired.
 */
@ConfigurationProperties("shutter.jwt")
record JwtProperties(
        Resource privateKeyLocation,
        Resource publicKeyLocation,
        List<Resource> previousPublicKeyLocations,
        String issuer,
        Duration accessTokenTtl,
        Duration refreshTokenTtl) {

    JwtProperties {
        previousPublicKeyLocations = previousPublicKeyLocations == null ? List.of() : previousPublicKeyLocations;
        issuer = issuer == null || issuer.isBlank() ? "shutter" : issuer;
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(30) : refreshTokenTtl;
    }
}
