package dev.shutter.platform.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The decoder of access tokens in every service but the one that signs them: RS256 tokens checked against the command
 * side's JWK set ({@code /.well-known/jwks.json}) and issuer.
 *
 * <p>The key set is fetched on the first token, not at start-up, so a service may start before the command side. It
 * is cached for five minutes, fetched again (at most every ten seconds) for a token whose key it does not know, which
 * is how a rotated key arrives, and kept in use while the command side cannot be reached. A token that cannot be
 * checked is answered 401. Tokens whose signature and claims passed are remembered until they expire
 * ({@link VerifiedTokens}); a service's own checks (a deleted account's tokens, say) run on every request all the
 * same.
 */
public final class JwkSetDecoder {

    /** Verified access tokens kept until they expire: about one per app active in the last 15 minutes. */
    private static final long VERIFIED_TOKENS = 100_000;

    private JwkSetDecoder() {}

    public static JwtDecoder create(URI jwkSetUri, String issuer, List<OAuth2TokenValidator<Jwt>> ownChecks) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(jwkSetUri.toURL())
                    .cache(
                            Duration.ofMinutes(5).toMillis(),
                            Duration.ofSeconds(15).toMillis())
                    .rateLimited(Duration.ofSeconds(10).toMillis())
                    .outageTolerantForever()
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a JWK set URL: " + jwkSetUri, e);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new ConvertedKeySelector(keys));
        // Spring Security checks the claims (expiry, issuer) itself.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        JwtDecoder checked = token -> {
            try {
                return decoder.decode(token);
            } catch (BadJwtException invalid) {
                throw invalid;
            } catch (JwtException keysUnavailable) {
                throw new BadJwtException(
                        "The token cannot be checked: " + keysUnavailable.getMessage(), keysUnavailable);
            }
        };
        JwtDecoder verified = new VerifiedTokens(checked, VERIFIED_TOKENS, Clock.systemUTC());
        if (ownChecks.isEmpty()) {
            return verified;
        }
        OAuth2TokenValidator<Jwt> own = new DelegatingOAuth2TokenValidator<>(ownChecks);
        return token -> {
            Jwt jwt = verified.decode(token);
            OAuth2TokenValidatorResult result = own.validate(jwt);
            if (result.hasErrors()) {
                throw new JwtValidationException("The token is not accepted", result.getErrors());
            }
            return jwt;
        };
    }
}
