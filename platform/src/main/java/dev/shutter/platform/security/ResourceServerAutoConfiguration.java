package dev.shutter.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;

/**
 * Every resource server of Shutter checks tokens the same way: through the command side's JWK set when
 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} is set (devstack, docker-compose), else with Spring
 * Boot's decoder of {@code public-key-location} (tests), in both cases for the issuer {@code shutter.jwt.issuer} and
 * with every {@code OAuth2TokenValidator<Jwt>} bean the service declares; and
 * answers 401 and 403 as problem+json ({@link ProblemSecurityHandlers}, for the service's security filter chain).
 */
@AutoConfiguration(before = OAuth2ResourceServerAutoConfiguration.class, after = JacksonAutoConfiguration.class)
@ConditionalOnClass(JwtDecoder.class)
@ConditionalOnWebApplication
public class ResourceServerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemSecurityHandlers problemSecurityHandlers(ObjectMapper objectMapper) {
        return new ProblemSecurityHandlers(objectMapper);
    }

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    @ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")
    JwtDecoder jwkSetDecoder(
            @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") URI jwkSetUri,
            @Value("${shutter.jwt.issuer:shutter}") String issuer,
            ObjectProvider<OAuth2TokenValidator<Jwt>> serviceChecks) {
        return JwkSetDecoder.create(
                jwkSetUri, issuer, serviceChecks.orderedStream().toList());
    }

    /** Picked up by Spring Boot's own decoder next to its signature and time checks: only our issuer's tokens. */
    @Bean
    @ConditionalOnMissingBean(name = "shutterIssuer")
    OAuth2TokenValidator<Jwt> shutterIssuer(@Value("${shutter.jwt.issuer:shutter}") String issuer) {
        return new JwtIssuerValidator(issuer);
    }
}
