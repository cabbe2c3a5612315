package dev.shutter.query.timeline;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.MongoTimeoutException;
import dev.shutter.query.config.SecurityConfig;
import dev.shutter.query.post.PostViews;
import dev.shutter.query.privacy.Viewer;
import dev.shutter.query.privacy.Visibility;
import dev.shutter.query.timeline.TimelineEntries.TimelineEntry;
import dev.shutter.query.user.Profiles;
import dev.shutter.query.web.Cursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(TimelineController.class)
@Import(SecurityConfig.class)
class TimelineProblemsTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    TimelineEntries timelines;

    @MockitoBean
    PostViews posts;

    @MockitoBean
    Profiles profiles;

    @MockitoBean
    Visibility visibility;

    @MockitoBean
    JwtDecoder jwtDecoder;

    @BeforeEach
    void nobodyIsBlocked() {
        given(visibility.viewer(anyString())).willAnswer(call -> new Viewer(call.getArgument(0), Set.of()));
    }

    @Test
    void rejectsALimitAboveOneHundredAsAValidationProblem() throws Exception {
        mvc.perform(get("/api/timeline").param("limit", "101").with(jwt()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        verifyNoInteractions(timelines);
    }

    @Test
    void rejectsALimitOfZeroAsAValidationProblem() throws Exception {
        mvc.perform(get("/api/timeline").param("limit", "0").with(jwt()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
    }

    @Test
    void rejectsALimitThatIsNotANumberAsAValidationProblem() throws Exception {
        mvc.perform(get("/api/users/u1/posts").param("limit", "ten").with(jwt()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    @Test
    void rejectsACursorThatIsNotBase64() throws Exception {
        mvc.perform(get("/api/timeline").param("cursor", "***").with(jwt()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("INVALID_CURSOR"));
        verifyNoInteractions(timelines);
    }

    @Test
    void rejectsACursorThatDoesNotHoldASortKey() throws Exception {
        String forged = Base64.getUrlEncoder().encodeToString("yesterday:p1".getBytes(StandardCharsets.UTF_8));
        mvc.perform(get("/api/timeline").param("cursor", forged).with(jwt()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_CURSOR"));
    }

    @Test
    void answersUnauthorizedProblemWithoutAToken() throws Exception {
        mvc.perform(get("/api/timeline"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("WWW-Authenticate", containsString("Bearer")))
                .andExpect(jsonPath("$.code").value("UNAUTHORIZED"))
                .andExpect(jsonPath("$.status").value(401));
    }

    @Test
    void answersUnauthorizedProblemForATokenThatDoesNotVerify() throws Exception {
        given(jwtDecoder.decode(anyString())).willThrow(new BadJwtException("signature does not match"));
        mvc.perform(get("/api/timeline").header("Authorization", "Bearer not.a.token"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHORIZED"));
    }

    @Test
    void answersNotFoundProblemForPostsOfAnUnknownUser() throws Exception {
        given(profiles.exists("nobody")).willReturn(false);
        mvc.perform(get("/api/users/nobody/posts").with(jwt()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void answersMethodNotAllowedProblemForWrites() throws Exception {
        mvc.perform(post("/api/timeline").with(jwt()))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("METHOD_NOT_ALLOWED"));
    }

    @Test
    void answersNotFoundProblemForAnUnknownPath() throws Exception {
        mvc.perform(get("/api/nothing-here").with(jwt()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void answersServiceUnavailableProblemWhenTheReadModelsCannotBeReached() throws Exception {
        given(timelines.home(eq("me"), any(), any())).willThrow(new MongoTimeoutException("no server"));

        mvc.perform(get("/api/timeline").with(jwt().jwt(token -> token.subject("me"))))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("SERVICE_UNAVAILABLE"));
    }

    @Test
    void handsOutACursorOnlyWhenAnotherPageExists() throws Exception {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        List<TimelineEntry> threeOfLimitTwo = List.of(
                new TimelineEntry("p3", now),
                new TimelineEntry("p2", now.minusSeconds(1)),
                new TimelineEntry("p1", now));
        given(timelines.home(eq("me"), any(), any())).willReturn(threeOfLimitTwo);
        given(posts.inOrder(eq(List.of("p3", "p2")), eq(new Viewer("me", Set.of()))))
                .willReturn(List.of());

        mvc.perform(get("/api/timeline").param("limit", "2").with(jwt().jwt(token -> token.subject("me"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isArray())
                .andExpect(jsonPath("$.nextCursor").value(new Cursor(now.minusSeconds(1), "p2").encode()));
    }
}
