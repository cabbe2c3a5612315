package dev.shutter.command.config;

import dev.shutter.command.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless resource server over the command side's own tokens. Sign-up, sign-in, refresh, logout, the public keys
 * and health are open; {@code /api/admin/**} (the dead letters of the command side's consumers) needs the admin scope,
 * which only the admin account's tokens carry; everything else under {@code /api} needs a bearer token.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Open calls whose credentials are in the body: an expired access token sent along must not get them refused. */
    private static final Set<String> OPEN_POSTS =
            Set.of("/api/users", "/api/auth/token", "/api/auth/refresh", "/api/auth/logout");

    /** What Spring Security makes of the {@code admin} scope that {@code AdminAccount}'s tokens carry. */
    private static final String ADMIN_SCOPE = "SCOPE_admin";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemResponses problemResponses) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                HttpMethod.POST, OPEN_POSTS.toArray(String[]::new))
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.GET, "/.well-known/jwks.json", "/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .requestMatchers("/api/admin/**")
                        .hasAuthority(ADMIN_SCOPE)
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .bearerTokenResolver(bearerTokens())
                        .authenticationEntryPoint(problemResponses)
                        .accessDeniedHandler(problemResponses))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problemResponses).accessDeniedHandler(problemResponses))
                .build();
    }

    private static BearerTokenResolver bearerTokens() {
        DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        return (HttpServletRequest request) -> isOpenPost(request) ? null : header.resolve(request);
    }

    private static boolean isOpenPost(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return HttpMethod.POST.matches(request.getMethod()) && OPEN_POSTS.contains(path);
    }
}
