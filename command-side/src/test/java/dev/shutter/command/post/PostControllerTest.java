package dev.shutter.command.post;

import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.shutter.command.config.SecurityConfiguration;
import dev.shutter.command.media.MediaOwnership;
import dev.shutter.command.web.ProblemResponses;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(
        controllers = {PostController.class, ReactionController.class},
        properties = "spring.config.name=command-side")
@Import({SecurityConfiguration.class, ProblemResponses.class, PostControllerTest.FixedClock.class})
class PostControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CommandGateway commandGateway;

    @MockitoBean
    MediaOwnership mediaOwnership;

    @MockitoBean
    JwtDecoder jwtDecoder;

    @Test
    void rejectsAWriteWithoutATokenWithProblemJson() throws Exception {
        mvc.perform(post("/api/posts").contentType(MediaType.APPLICATION_JSON).content("{\"mediaIds\":[\"m1\"]}"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHORIZED"));
        verifyNoInteractions(commandGateway);
    }

    @Test
    void listsEveryInvalidFieldOfAPost() throws Exception {
        String tooLong = "x".repeat(2201);
        mvc.perform(post("/api/posts")
                        .with(jwt().jwt(token -> token.subject("ada")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"caption\":\"" + tooLong + "\",\"mediaIds\":[\"m1\",\"m1\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[?(@.field == 'caption')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'mediaIds')]").exists());
        verifyNoInteractions(commandGateway);
    }

    @Test
    void rejectsAPostWithoutMedia() throws Exception {
        mvc.perform(post("/api/posts")
                        .with(jwt().jwt(token -> token.subject("ada")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"caption\":\"hi\",\"mediaIds\":[]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("mediaIds"));
    }

    @Test
    void answersMalformedJsonWithMalformedRequest() throws Exception {
        mvc.perform(post("/api/posts")
                        .with(jwt().jwt(token -> token.subject("ada")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"caption\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
    }

    @Test
    void answersAWrongJsonShapeWithMalformedRequest() throws Exception {
        mvc.perform(post("/api/posts")
                        .with(jwt().jwt(token -> token.subject("ada")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"caption\":\"hi\",\"mediaIds\":\"m1\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
    }

    @Test
    void createsAPostAndPointsToIt() throws Exception {
        mvc.perform(post("/api/posts")
                        .with(jwt().jwt(token -> token.subject("ada")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"caption\":\"hi\",\"mediaIds\":[\"m1\",\"m2\"]}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").isNotEmpty())
                .andExpect(header().string("Location", startsWith("/api/posts/")));
    }

    @Test
    void answersAForbiddenEditWithForbidden() throws Exception {
        given(commandGateway.sendAndWait(any()))
                .willThrow(new NotYoursException("Only the author may edit the caption."));

        mvc.perform(patch("/api/posts/p1")
                        .with(jwt().jwt(token -> token.subject("bob")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"caption\":\"mine\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    }

    @Test
    void answersAnUnknownPostWithNotFound() throws Exception {
        given(commandGateway.sendAndWait(any())).willThrow(new AggregateNotFoundException("p1", "no events"));

        mvc.perform(delete("/api/posts/p1").with(jwt().jwt(token -> token.subject("bob"))))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void answersAWrongMethodWithMethodNotAllowed() throws Exception {
        mvc.perform(patch("/api/posts/p1/likes/me").with(jwt().jwt(token -> token.subject("bob"))))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("METHOD_NOT_ALLOWED"));
    }

    @TestConfiguration
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        }
    }
}
