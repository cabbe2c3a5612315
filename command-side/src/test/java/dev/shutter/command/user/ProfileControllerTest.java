package dev.shutter.command.user;

import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.shutter.command.config.SecurityConfiguration;
import dev.shutter.command.media.MediaOwnership;
import dev.shutter.command.web.ProblemResponses;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = ProfileController.class, properties = "spring.config.name=command-side")
@Import({SecurityConfiguration.class, ProblemResponses.class})
class ProfileControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CommandGateway commandGateway;

    @MockitoBean
    MediaOwnership mediaOwnership;

    @MockitoBean
    UsernameChanges usernameChanges;

    @MockitoBean
    Devices devices;

    @MockitoBean
    JwtDecoder jwtDecoder;

    @Test
    void updatesTheProfileOfTheTokensSubject() throws Exception {
        mvc.perform(put("/api/users/me/profile")
                        .with(jwt().jwt(token -> token.subject("ada")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\" Ada \",\"bio\":\"Counts\",\"avatarMediaId\":\"m1\"}"))
                .andExpect(status().isNoContent());

        verify(mediaOwnership).requireOwnedBy("ada", List.of("m1"));
        verify(commandGateway).sendAndWait(new UpdateProfile("ada", "Ada", "Counts", "m1"));
    }

    @Test
    void rejectsABioLongerThan150Characters() throws Exception {
        mvc.perform(put("/api/users/me/profile")
                        .with(jwt().jwt(token -> token.subject("ada")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\"Ada\",\"bio\":\"" + "b".repeat(151) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("bio"));
        verifyNoInteractions(commandGateway);
    }

    @Test
    void rejectsAnUnknownDevicePlatform() throws Exception {
        mvc.perform(post("/api/users/me/devices")
                        .with(jwt().jwt(token -> token.subject("ada")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"token\":\"t1\",\"platform\":\"windows-phone\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("platform"));
        verifyNoInteractions(devices);
    }

    @Test
    void registersADeviceOfTheTokensSubject() throws Exception {
        mvc.perform(post("/api/users/me/devices")
                        .with(jwt().jwt(token -> token.subject("ada")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"token\":\"fcm:t1\",\"platform\":\"ios\"}"))
                .andExpect(status().isNoContent());

        verify(devices).register("ada", "fcm:t1", "ios");
    }

    @Test
    void changesTheUsernameOfTheTokensSubject() throws Exception {
        mvc.perform(put("/api/users/me/username")
                        .with(jwt().jwt(token -> token.subject("ada")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"countess.ada\"}"))
                .andExpect(status().isNoContent());

        verify(usernameChanges).change("ada", "countess.ada");
    }

    @Test
    void answersATakenUsernameWithConflict() throws Exception {
        willThrow(new UsernameTakenException("bob")).given(usernameChanges).change("ada", "bob");

        mvc.perform(put("/api/users/me/username")
                        .with(jwt().jwt(token -> token.subject("ada")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"bob\"}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("USERNAME_TAKEN"));
    }

    @Test
    void removesADeviceOfTheTokensSubject() throws Exception {
        mvc.perform(delete("/api/users/me/devices/t1").with(jwt().jwt(token -> token.subject("ada"))))
                .andExpect(status().isNoContent());

        verify(devices).remove("ada", "t1");
    }

    @Test
    void requiresATokenToChangeTheProfile() throws Exception {
        mvc.perform(put("/api/users/me/profile")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\"Ada\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHORIZED"));
    }
}
