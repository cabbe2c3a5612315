package dev.shutter.command.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.command.CommandSideIntegrationTest;
import dev.shutter.events.user.UserSignedIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class ExportIT extends CommandSideIntegrationTest {

    @Test
    void theExportHoldsEverythingTheCallerDidAndNothingOfOtherUsers() {
        String aliceName = uniqueName("alice");
        String bobName = uniqueName("bob");
        String alice = register(aliceName);
        String bob = register(bobName);
        String aliceToken = tokenOf(aliceName);
        String bobToken = tokenOf(bobName);

        assertSucceeded(call(
                HttpMethod.POST,
                "/api/users/me/devices",
                aliceToken,
                Map.of("token", "phone-" + alice, "platform", "ios")));
        assertSucceeded(call(
                HttpMethod.PUT,
                "/api/users/me/profile",
                aliceToken,
                Map.of("displayName", "Alice A.", "bio", "Hello")));
        assertSucceeded(call(HttpMethod.PUT, "/api/users/me/following/" + bob, aliceToken, null));
        assertSucceeded(call(HttpMethod.PUT, "/api/users/me/following/" + alice, bobToken, null));
        String alicePost = publishPost(alice, aliceToken, "Sunrise over the bay");
        assertSucceeded(call(
                HttpMethod.PATCH,
                "/api/posts/" + alicePost,
                aliceToken,
                Map.of("caption", "Sunrise over the harbour")));
        String bobPost = publishPost(bob, bobToken, "Bob's private thoughts");
        String bobOtherPost = publishPost(bob, bobToken, "Bob again");
        assertSucceeded(call(HttpMethod.PUT, "/api/posts/" + bobPost + "/likes/me", aliceToken, null));
        assertSucceeded(call(HttpMethod.PUT, "/api/posts/" + bobOtherPost + "/likes/me", aliceToken, null));
        assertSucceeded(call(HttpMethod.DELETE, "/api/posts/" + bobOtherPost + "/likes/me", aliceToken, null));
        assertSucceeded(call(HttpMethod.PUT, "/api/posts/" + alicePost + "/likes/me", bobToken, null));
        String kept = createdId(
                call(HttpMethod.POST, "/api/posts/" + bobPost + "/comments", aliceToken, Map.of("text", "Lovely")));
        String removed = createdId(
                call(HttpMethod.POST, "/api/posts/" + bobPost + "/comments", aliceToken, Map.of("text", "Oops")));
        assertSucceeded(call(HttpMethod.DELETE, "/api/posts/" + bobPost + "/comments/" + removed, aliceToken, null));
        createdId(call(
                HttpMethod.POST, "/api/posts/" + alicePost + "/comments", bobToken, Map.of("text", "Bob was here")));

        await().atMost(Duration.ofSeconds(20)).until(() -> eventCount(alice, UserSignedIn.class) == 1);

        ResponseEntity<JsonNode> answer = call(HttpMethod.GET, "/api/users/me/export", aliceToken, null);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .contains("attachment")
                .contains("shutter-export-" + alice + ".json");
        JsonNode export = answer.getBody();
        assertThat(export.at("/account/id").asText()).isEqualTo(alice);
        assertThat(export.at("/account/username").asText()).isEqualTo(aliceName);
        assertThat(export.at("/account/email").asText()).isEqualTo(aliceName + "@example.com");
        assertThat(export.at("/profile/displayName").asText()).isEqualTo("Alice A.");
        assertThat(export.at("/profile/bio").asText()).isEqualTo("Hello");
        assertThat(export.at("/usernames/0/username").asText()).isEqualTo(aliceName);
        assertThat(texts(export.get("devices"), "token")).containsExactly("phone-" + alice);
        assertThat(export.get("signIns")).hasSize(1);
        assertThat(texts(export.get("following"), "userId")).containsExactly(bob);
        assertThat(texts(export.get("followers"), "userId")).containsExactly(bob);
        assertThat(texts(export.get("posts"), "caption")).containsExactly("Sunrise over the harbour");
        assertThat(export.at("/posts/0/mediaIds")).hasSize(1);
        assertThat(texts(export.get("likes"), "postId")).containsExactly(bobPost);
        assertThat(texts(export.get("comments"), "id")).containsExactly(kept, removed);
        assertThat(export.at("/comments/0/deletedAt").isNull()).isTrue();
        assertThat(export.at("/comments/1/deletedAt").isNull()).isFalse();
        assertThat(texts(export.get("media"), "id"))
                .containsExactlyElementsOf(texts(export.at("/posts/0/mediaIds"), null));
        assertThat(export.at("/notificationSettings/language").asText()).isEqualTo("pt-BR");
        assertThat(texts(export.get("notifications"), "type")).containsExactly("like", "new_follower");
        assertThat(PUSH_DISPATCHER.authorizations()).contains("Bearer " + aliceToken);
        String document = export.toString();
        assertThat(document)
                .doesNotContain(bobName + "@example.com")
                .doesNotContain("Bob's private thoughts")
                .doesNotContain("Bob was here");
    }

    @Test
    void withoutPushDispatcherThereIsNoExportRatherThanAnIncompleteOne() {
        String name = uniqueName("erin");
        register(name);
        String token = tokenOf(name);
        PUSH_DISPATCHER.down(true);
        try {
            ResponseEntity<JsonNode> answer = call(HttpMethod.GET, "/api/users/me/export", token, null);

            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(answer.getBody().get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        } finally {
            PUSH_DISPATCHER.down(false);
        }
        assertThat(call(HttpMethod.GET, "/api/users/me/export", token, null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void anExportNeedsAToken() {
        ResponseEntity<JsonNode> answer = call(HttpMethod.GET, "/api/users/me/export", null, null);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item ->
                values.add(field == null ? item.asText() : item.get(field).asText()));
        return values;
    }
}
