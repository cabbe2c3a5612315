package dev.shutter.command.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Signing keys (PKCS#8 and X.509 PEM) and token settings. Without keys a key pair is generated at
 * start-up, which only suits a single instance that nobody else validates tokens for.
 */
@ConfigurationProperties("shutter.jwt")
record JwtProperties(Resource privateKeyLocation, Resource publicKeyLocation, String issuer, Duration accessTokenTtl) {

    JwtProperties {
        issuer = issuer == null || issuer.isBlank() ? "shutter" : issuer;
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
    }
}
