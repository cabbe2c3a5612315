package dev.shutter.command.post;

import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
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
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
        properties = {"spring.config.name=command-side", "shutter.posts.comment-max-length=10"})
@Import({SecurityConfiguration.class, ProblemResponses.class, PostControllerTest.FixedClock.class})
@EnableConfigurationProperties(PostLimits.class)
class PostControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CommandGateway commandGateway;

    @MockitoBean
    MediaOwnership mediaOwnership;

    @MockitoBean
    JwtDecoder jwtDecoder;

    @MockitoBean
    Mentions mentions;

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

    @Test
    void acceptsACaptionOfExactlyTheLimitCountingAnEmojiOnce() throws Exception {
        String caption = "\uD83D\uDCF7".repeat(2200);
        mvc.perform(post("/api/posts")
                        .with(jwt().jwt(token -> token.subject("ada")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"caption\":\"" + caption + "\",\"mediaIds\":[\"m1\"]}"))
                .andExpect(status().isCreated());
    }

    @Test
    void rejectsElevenPhotosNamingTheField() throws Exception {
        String eleven = String.join(
                ",",
                IntStream.rangeClosed(1, 11).mapToObj(i -> "\"m" + i + "\"").toList());
        mvc.perform(post("/api/posts")
                        .with(jwt().jwt(token -> token.subject("ada")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"caption\":\"hi\",\"mediaIds\":[" + eleven + "]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("mediaIds"))
                .andExpect(jsonPath("$.errors[0].message").value("must hold 1 to 10 items"));
        verifyNoInteractions(commandGateway);
    }

    @Test
    void rejectsACaptionEditOverTheLimitNamingTheField() throws Exception {
        mvc.perform(patch("/api/posts/p1")
                        .with(jwt().jwt(token -> token.subject("ada")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"caption\":\"" + "x".repeat(2201) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("caption"))
                .andExpect(jsonPath("$.errors[0].message").value("must be at most 2200 characters"));
        verifyNoInteractions(commandGateway);
    }

    @Test
    void theCommentLimitComesFromConfiguration() throws Exception {
        mvc.perform(post("/api/posts/p1/comments")
                        .with(jwt().jwt(token -> token.subject("ada")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"eleven char\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"))
                .andExpect(jsonPath("$.errors[0].message").value("must be at most 10 characters"));
        verifyNoInteractions(commandGateway);
    }

    @Test
    void passesTheResolvedMentionsOfACommentToThePost() throws Exception {
        given(mentions.resolve("hi @bob")).willReturn(List.of("bob-id"));

        mvc.perform(post("/api/posts/p1/comments")
                        .with(jwt().jwt(token -> token.subject("ada")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"hi @bob\"}"))
                .andExpect(status().isCreated());

        verify(commandGateway)
                .sendAndWait(argThat(command -> command instanceof AddComment comment
                        && comment.authorId().equals("ada")
                        && comment.mentionedUserIds().equals(List.of("bob-id"))));
    }

    @TestConfiguration
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        }
    }
}
