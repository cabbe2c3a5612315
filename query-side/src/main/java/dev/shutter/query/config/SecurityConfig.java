package dev.shutter.query.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.shutter.query.web.ProblemAccessDeniedHandler;
import dev.shutter.query.web.ProblemAuthenticationEntryPoint;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Every read needs a valid token signed by the command side (validated through the command side's JWK set,
 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}, or with a fixed
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location}; issuer {@code shutter.jwt.issuer}); only
 * health is open.
 *
 * <p>Public so that web slice tests of the feature packages can import it.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    /** Verified access tokens kept until they expire: about one per app active in the last 15 minutes. */
    private static final long VERIFIED_TOKENS = 100_000;

    @Bean
    SecurityFilterChain querySideSecurity(HttpSecurity http, ObjectMapper objectMapper) throws Exception {
        ProblemAuthenticationEntryPoint unauthorized = new ProblemAuthenticationEntryPoint(objectMapper);
        ProblemAccessDeniedHandler forbidden = new ProblemAccessDeniedHandler(objectMapper);
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(server -> server.jwt(jwt -> {})
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        return http.build();
    }

    /**
     * Spring Security's firewall with its own rule for header values (assigned characters, no control characters),
     * checked by a loop instead of its regular expression, which spent a twelfth of a timeline read on the token.
     */
    @Bean
    StrictHttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(SecurityConfig::allowedHeaderValue);
        return firewall;
    }

    static boolean allowedHeaderValue(String value) {
        for (int i = 0; i < value.length(); ) {
            char c = value.charAt(i);
            if (c >= ' ' && c <= '~') {
                // Printable ASCII, all of a token and nearly every header: defined and not a control character.
                i++;
                continue;
            }
            int codePoint = value.codePointAt(i);
            if (!Character.isDefined(codePoint) || Character.isISOControl(codePoint)) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    /** Picked up by the auto-configured decoder next to its signature and time checks: only our issuer's tokens. */
    @Bean
    OAuth2TokenValidator<Jwt> shutterIssuer(@Value("${shutter.jwt.issuer:shutter}") String issuer) {
        return new JwtIssuerValidator(issuer);
    }

    /**
     * With {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} (the command side's
     * {@code /.well-known/jwks.json}), as in devstack and docker-compose: the key set is fetched on the first token,
     * not at start-up, so this service may start before the command side. It is cached for five minutes, fetched
     * again (at most every ten seconds) for a token whose key it does not know, which is how a rotated key arrives,
     * and kept in use while the command side cannot be reached. A token that cannot be checked is answered 401. Tokens
     * that passed are remembered until they expire ({@link VerifiedTokens}).
     * Without the property the auto-configured decoder of {@code public-key-location} is used (tests).
     */
    @Bean
    @ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")
    JwtDecoder jwkSetDecoder(
            @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") URI jwkSetUri,
            @Value("${shutter.jwt.issuer:shutter}") String issuer)
            throws MalformedURLException {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwkSetUri.toURL())
                .cache(Duration.ofMinutes(5).toMillis(), Duration.ofSeconds(15).toMillis())
                .rateLimited(Duration.ofSeconds(10).toMillis())
                .outageTolerantForever()
                .build();
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
        return new VerifiedTokens(checked, VERIFIED_TOKENS, Clock.systemUTC());
    }
}
