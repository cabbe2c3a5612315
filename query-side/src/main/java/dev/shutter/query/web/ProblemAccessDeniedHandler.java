package dev.shutter.query.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 {@code FORBIDDEN} when the token is valid but does not grant the call. */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final ProblemResponses problems;

    public ProblemAccessDeniedHandler(ObjectMapper objectMapper) {
        this.problems = new ProblemResponses(objectMapper);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        problems.write(request, response, HttpStatus.FORBIDDEN, "FORBIDDEN", "This call is not allowed for you");
    }
}
