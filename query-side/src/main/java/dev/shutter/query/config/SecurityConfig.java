package dev.shutter.query.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.query.web.ProblemAccessDeniedHandler;
import dev.shutter.query.web.ProblemAuthenticationEntryPoint;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every read needs a valid token signed by the command side (validated with
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location}, issuer {@code shutter.jwt.issuer}); only
 * health is open.
 *
 * <p>Public so that web slice tests of the feature packages can import it.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

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

    /** Picked up by the auto-configured decoder next to its signature and time checks: only our issuer's tokens. */
    @Bean
    OAuth2TokenValidator<Jwt> shutterIssuer(@Value("${shutter.jwt.issuer:shutter}") String issuer) {
        return new JwtIssuerValidator(issuer);
    }
}
