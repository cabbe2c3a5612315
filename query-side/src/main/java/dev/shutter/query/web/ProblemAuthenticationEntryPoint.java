package dev.shutter.query.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 {@code UNAUTHORIZED} for a missing, malformed, expired or foreign token, with the RFC 6750 challenge. */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
    private final ProblemResponses problems;

    public ProblemAuthenticationEntryPoint(ObjectMapper objectMapper) {
        this.problems = new ProblemResponses(objectMapper);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        challenge.commence(request, response, ex);
        problems.write(request, response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "A valid bearer token is required");
    }
}
