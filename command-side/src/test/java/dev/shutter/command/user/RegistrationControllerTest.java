package dev.shutter.command.user;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.shutter.command.config.SecurityConfiguration;
import dev.shutter.command.web.ProblemResponses;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = RegistrationController.class, properties = "spring.config.name=command-side")
@Import({SecurityConfiguration.class, ProblemResponses.class})
class RegistrationControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Registrations registrations;

    @MockitoBean
    JwtDecoder jwtDecoder;

    @Test
    void registersWithoutATokenAndPointsToTheNewUser() throws Exception {
        given(registrations.register(any(NewAccount.class)))
                .willReturn(new Account("u1", "ada", "ada@example.com", "hash", "user"));

        mvc.perform(post("/api/users")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body("ada", "ada@example.com", "correct horse", "Ada")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/users/u1"))
                .andExpect(jsonPath("$.id").value("u1"))
                .andExpect(jsonPath("$.username").value("ada"));
    }

    @Test
    void listsEveryInvalidField() throws Exception {
        mvc.perform(post("/api/users")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body("no spaces!", "not-an-email", "short", "")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[?(@.field == 'username')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'email')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'password')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'displayName')]").exists());
        verifyNoInteractions(registrations);
    }

    @Test
    void rejectsAPasswordEqualToTheUsername() throws Exception {
        mvc.perform(post("/api/users")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body("adalovelace", "ada@example.com", "AdaLovelace", "Ada")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("password"))
                .andExpect(jsonPath("$.errors[0].message").value("must not be the username"));
    }

    @Test
    void rejectsAUsernameLongerThanThirtyCharacters() throws Exception {
        mvc.perform(post("/api/users")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body("a".repeat(31), "ada@example.com", "correct horse", "Ada")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("username"));
    }

    @Test
    void answersATakenUsernameWithConflict() throws Exception {
        given(registrations.register(any(NewAccount.class))).willThrow(new UsernameTakenException("ada"));

        mvc.perform(post("/api/users")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body("ada", "ada@example.com", "correct horse", "Ada")))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("USERNAME_TAKEN"));
    }

    @Test
    void answersMalformedJsonWithMalformedRequest() throws Exception {
        mvc.perform(post("/api/users").contentType(MediaType.APPLICATION_JSON).content("{\"username\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
    }

    @Test
    void answersAnUnsupportedContentTypeWithProblemJson() throws Exception {
        mvc.perform(post("/api/users").contentType(MediaType.TEXT_PLAIN).content("ada"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNSUPPORTED_MEDIA_TYPE"));
    }

    private static String body(String username, String email, String password, String displayName) {
        return """
                {"username":"%s","email":"%s","password":"%s","displayName":"%s"}"""
                .formatted(username, email, password, displayName);
    }
}
