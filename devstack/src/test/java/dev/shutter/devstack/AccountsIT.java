package dev.shutter.devstack;

import static dev.shutter.devstack.ShutterApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.devstack.ShutterApi.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Accounts end to end through the one base URL: sign-up, profile with avatar, a new username, a phone that changes hands. */
@ExtendWith(RunningDevstack.Shared.class)
class AccountsIT {

    private static RunningDevstack devstack;
    private static ShutterApi api;

    @BeforeAll
    static void useDevstack(RunningDevstack running) {
        devstack = running;
        api = running.api();
    }

    @Test
    void aProfileWithAnAvatarAndANewUsernameReachTheReadsAndTheNewNameSignsIn() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String formerName = "acc_ada_" + suffix;
        String newName = "Countess." + suffix;
        String ada = devstack.register(formerName);
        String token = devstack.login(formerName);

        Answer refused = api.post(
                "/api/users",
                body("username", "bad name", "email", "nope", "password", "short", "displayName", " "),
                null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(refused.body())).contains("username", "email", "password", "displayName");

        // Profile with an avatar she uploaded.
        String avatar = api.upload("/api/media", "me.jpg", "image/jpeg", TestImages.jpeg(640, 640), token)
                .body()
                .path("id")
                .asText();
        Answer edited = Eventually.await(
                "the avatar is accepted once the upload is known",
                () -> api.put(
                        "/api/users/me/profile",
                        body(
                                "displayName",
                                "Ada 🧮",
                                "bio",
                                "Counts things.\nPoetical science.",
                                "avatarMediaId",
                                avatar),
                        token),
                answer -> !"MEDIA_NOT_READY".equals(answer.code()));
        assertThat(edited.status()).as(edited.body().toString()).isEqualTo(204);
        JsonNode profile = Eventually.await(
                        "the profile shows the edit", () -> api.get("/api/users/" + ada, token), answer -> "Ada 🧮"
                                .equals(answer.body().path("displayName").asText()))
                .body();
        assertThat(profile.path("bio").asText()).isEqualTo("Counts things.\nPoetical science.");
        assertThat(profile.path("avatarUrl").asText()).contains(avatar);

        // Somebody else's photo is no avatar of hers.
        String bobName = "acc_bob_" + suffix;
        devstack.register(bobName);
        String bobToken = devstack.login(bobName);
        String bobsPhoto = api.upload("/api/media", "bob.jpg", "image/jpeg", TestImages.jpeg(320, 320), bobToken)
                .body()
                .path("id")
                .asText();
        assertThat(api.put("/api/users/me/profile", body("displayName", "Ada", "avatarMediaId", bobsPhoto), token)
                        .code())
                .isEqualTo("MEDIA_NOT_OWNED");

        // A new username: taken in another case is refused, a free one is taken.
        assertThat(api.put("/api/users/me/username", body("username", bobName.toUpperCase()), token)
                        .code())
                .isEqualTo("USERNAME_TAKEN");
        assertThat(api.put("/api/users/me/username", body("username", newName), token)
                        .status())
                .isEqualTo(204);
        Eventually.await(
                "the profile shows the new username",
                () -> api.get("/api/users/" + ada, token),
                answer -> newName.equals(answer.body().path("username").asText()));
        Answer byNewName = Eventually.await(
                "the new username finds the profile",
                () -> api.get("/api/users?username=" + newName.toLowerCase(), token),
                answer -> answer.status() == 200);
        assertThat(byNewName.body().path("id").asText()).isEqualTo(ada);
        assertThat(byNewName.body().path("displayName").asText()).isEqualTo("Ada 🧮");
        Answer byFormerName = api.get("/api/users?username=" + formerName, token);
        assertThat(byFormerName.status()).isEqualTo(404);
        assertThat(byFormerName.code()).isEqualTo("NOT_FOUND");

        devstack.login(newName.toUpperCase(), RunningDevstack.PASSWORD);
        Answer oldLogin =
                api.post("/api/auth/token", body("login", formerName, "password", RunningDevstack.PASSWORD), null);
        assertThat(oldLogin.status()).isEqualTo(401);
    }

    @Test
    void aPhoneThatChangesHandsGetsOnlyTheNewOwnersPushes() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String first = devstack.register("acc_first_" + suffix);
        String second = devstack.register("acc_second_" + suffix);
        devstack.register("acc_fan1_" + suffix);
        String fan1 = devstack.login("acc_fan1_" + suffix);
        String fan2Id = devstack.register("acc_fan2_" + suffix);
        String fan2 = devstack.login("acc_fan2_" + suffix);
        String fan3Id = devstack.register("acc_fan3_" + suffix);
        String fan3 = devstack.login("acc_fan3_" + suffix);
        String firstToken = devstack.login("acc_first_" + suffix);
        String secondToken = devstack.login("acc_second_" + suffix);
        String phone = "acc-phone-" + suffix;
        String tablet = "acc-tablet-" + suffix;

        // The first owner has a phone and a tablet; a new follower reaches both.
        assertThat(api.post("/api/users/me/devices", body("token", phone, "platform", "android"), firstToken)
                        .status())
                .isEqualTo(204);
        assertThat(api.post("/api/users/me/devices", body("token", tablet, "platform", "ios"), firstToken)
                        .status())
                .isEqualTo(204);
        assertThat(api.put("/api/users/me/following/" + first, fan1).status()).isEqualTo(204);
        Eventually.await(
                "the first follower's push on the phone and the tablet",
                () -> pushesFor(phone).size() + pushesFor(tablet).size(),
                count -> count == 2);

        // The phone changes hands.
        Answer invalid = api.post("/api/users/me/devices", body("token", "has space", "platform", "ios"), secondToken);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/api/users/me/devices", body("token", phone, "platform", "android"), secondToken)
                        .status())
                .isEqualTo(204);

        // A follower of the first owner reaches the tablet only; a follower of the new owner reaches the phone.
        assertThat(api.put("/api/users/me/following/" + first, fan2).status()).isEqualTo(204);
        Eventually.await(
                "the second follower's push on the first owner's tablet",
                () -> pushesFor(tablet).size(),
                count -> count == 2);
        assertThat(api.put("/api/users/me/following/" + second, fan3).status()).isEqualTo(204);
        Eventually.await(
                "the new owner's follower's push on the phone",
                () -> pushesFor(phone).size(),
                count -> count == 2);

        assertThat(actors(pushesFor(phone)).get(1)).isEqualTo(fan3Id);
        assertThat(actors(pushesFor(phone))).doesNotContain(fan2Id);
        assertThat(actors(pushesFor(tablet)).get(1)).isEqualTo(fan2Id);
    }

    private static List<JsonNode> pushesFor(String token) {
        List<JsonNode> matching = new ArrayList<>();
        api.get("/dev/fcm/messages", null).body().forEach(message -> {
            if (token.equals(message.path("token").asText())) {
                matching.add(message);
            }
        });
        return matching;
    }

    private static List<String> actors(List<JsonNode> pushes) {
        return pushes.stream()
                .map(push -> push.path("data").path("actorId").asText())
                .toList();
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }
}
