package dev.shutter.command.config;

import dev.shutter.command.web.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless resource server over the command side's own tokens. Sign-up, sign-in, the public key
 * and health are open; everything else under {@code /api} needs a bearer token.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemResponses problemResponses) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                HttpMethod.POST, "/api/users", "/api/auth/token")
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.GET, "/.well-known/jwks.json", "/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problemResponses)
                        .accessDeniedHandler(problemResponses))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problemResponses).accessDeniedHandler(problemResponses))
                .build();
    }
}
