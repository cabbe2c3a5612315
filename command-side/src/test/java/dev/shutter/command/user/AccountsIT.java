package dev.shutter.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.command.CommandSideIntegrationTest;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.media.MediaDeleted;
import dev.shutter.events.post.UsersMentioned;
import dev.shutter.events.push.DeviceTokenRejected;
import dev.shutter.events.user.DeviceRegistered;
import dev.shutter.events.user.DeviceRemoved;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UsernameChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Accounts over HTTP: what registration, profile edits, username changes and devices accept, refuse and store. */
class AccountsIT extends CommandSideIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery";

    // Registration

    @Test
    void registersUsernamesOfOneToThirtyLettersDigitsDotsAndUnderscores() {
        String suffix = RUN.substring(0, 4);
        for (String username : List.of("q" + suffix, "a.b_C9" + suffix, "x".repeat(26) + suffix)) {
            assertThat(signUp(username, username + "@example.com", PASSWORD, "Name")
                            .getStatusCode())
                    .as(username)
                    .isEqualTo(HttpStatus.CREATED);
        }
    }

    @Test
    void refusesEveryMalformedUsernameNamingTheFieldAndStoresNothing() {
        long accounts = count("SELECT count(*) FROM accounts");
        long events = count("SELECT count(*) FROM domain_event_entry");
        List<String> malformed =
                List.of("", "x".repeat(31), "with space", "émile", "dash-ed", "at@sign", "emoji😀", "tab\tname");

        for (String username : malformed) {
            assertValidationFailed(signUp(username, uniqueName("m") + "@example.com", PASSWORD, "Name"), "username");
        }
        assertValidationFailed(signUp(null, uniqueName("m") + "@example.com", PASSWORD, "Name"), "username");

        assertThat(count("SELECT count(*) FROM accounts")).isEqualTo(accounts);
        assertThat(count("SELECT count(*) FROM domain_event_entry")).isEqualTo(events);
    }

    @Test
    void refusesAUsernameTakenInAnotherCaseAndAnEmailTakenInAnotherCase() {
        String name = uniqueName("taken");
        register(name);
        long accounts = count("SELECT count(*) FROM accounts");

        ResponseEntity<JsonNode> sameName =
                signUp(name.toUpperCase(), uniqueName("other") + "@example.com", PASSWORD, "Other");
        ResponseEntity<JsonNode> sameEmail =
                signUp(uniqueName("other"), (name + "@EXAMPLE.com").toUpperCase(), PASSWORD, "Other");

        assertProblem(sameName, HttpStatus.CONFLICT, "USERNAME_TAKEN");
        assertProblem(sameEmail, HttpStatus.CONFLICT, "EMAIL_TAKEN");
        assertThat(count("SELECT count(*) FROM accounts")).isEqualTo(accounts);
    }

    @Test
    void refusesMalformedEmailAddresses() {
        for (String email : List.of("", "   ", "not-an-email", "a@b", "two@@example.com", "sp ace@example.com")) {
            assertValidationFailed(signUp(uniqueName("mail"), email, PASSWORD, "Name"), "email");
        }
        String tooLong = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".com";
        assertValidationFailed(signUp(uniqueName("mail"), tooLong, PASSWORD, "Name"), "email");
    }

    @Test
    void passwordsAreEightCharactersOrLongerAndNotTheUsernameInAnyCase() {
        String name = uniqueName("pw");
        assertValidationFailed(signUp(name, name + "@example.com", "seven77", "Name"), "password");
        assertValidationFailed(signUp(name, name + "@example.com", null, "Name"), "password");
        assertValidationFailed(signUp(name, name + "@example.com", name.toUpperCase(), "Name"), "password");
        assertValidationFailed(signUp(name, name + "@example.com", "p".repeat(129), "Name"), "password");

        assertThat(signUp(name, name + "@example.com", "eight888", "Name").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(signIn(name, "eight888").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void passwordsOverBcryptsSeventyTwoBytesCountEveryCharacter() {
        String name = uniqueName("long");
        String longest = "🔑".repeat(64);
        assertThat(signUp(name, name + "@example.com", longest, "Name").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        assertThat(signIn(name, longest).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(signIn(name, "🔑".repeat(63) + "🔒").getStatusCode())
                .as("the last character of a 256-byte password counts")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        String other = uniqueName("long");
        String seventyThree = "p".repeat(73);
        assertThat(signUp(other, other + "@example.com", seventyThree, "Name").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(signIn(other, seventyThree).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(signIn(other, "p".repeat(72)).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void displayNamesAreAnyUnicodeUpToSixtyFourCodePoints() throws Exception {
        String name = uniqueName("dn");
        String sixtyFourEmoji = "📷".repeat(64);

        assertValidationFailed(
                signUp(uniqueName("dn"), uniqueName("e") + "@example.com", PASSWORD, "📷".repeat(65)), "displayName");
        ResponseEntity<JsonNode> created = signUp(name, name + "@example.com", PASSWORD, sixtyFourEmoji);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String userId = created.getBody().get("id").asText();
        assertThat(storedEvents(userId, UserRegistered.class))
                .extracting(UserRegistered::displayName)
                .containsExactly(sixtyFourEmoji);
    }

    @Test
    void refusesBlankOrInvisibleDisplayNamesAndControlCharacters() {
        List<String> refused = List.of("", "   ", "\u3000", "\u200B\u200B", "Ada\u0007", "Ada\nLovelace", "Ada\u0000");
        for (String displayName : refused) {
            assertValidationFailed(
                    signUp(uniqueName("dn"), uniqueName("e") + "@example.com", PASSWORD, displayName), "displayName");
        }
        assertValidationFailed(
                signUp(uniqueName("dn"), uniqueName("e") + "@example.com", PASSWORD, null), "displayName");
        String halfAnEmoji =
                "{\"username\":\"%s\",\"email\":\"%s@example.com\",\"password\":\"%s\",\"displayName\":\"\\ud83d x\"}"
                        .formatted(uniqueName("dn"), uniqueName("e"), PASSWORD);
        assertValidationFailed(raw(HttpMethod.POST, "/api/users", null, halfAnEmoji), "displayName");
    }

    @Test
    void answersMalformedBodiesWithProblemJsonAndStoresNothing() {
        long accounts = count("SELECT count(*) FROM accounts");
        for (String body :
                List.of("{", "[]", "null", "\"ada\"", "{\"username\": {\"x\": 1}}", "{\"password\": [1, 2]}")) {
            assertProblem(raw(HttpMethod.POST, "/api/users", null, body), HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");
        }
        assertProblem(raw(HttpMethod.POST, "/api/users", null, ""), HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");
        assertThat(count("SELECT count(*) FROM accounts")).isEqualTo(accounts);
    }

    // Profile

    @Test
    void profileBioIsUpToOneHundredFiftyCodePointsAndMayBreakLines() throws Exception {
        String name = uniqueName("bio");
        String userId = register(name);
        String token = tokenOf(name);
        String bio = "Line one\nline two " + "🌊".repeat(131);

        assertValidationFailed(profile(token, "Ada", "🌊".repeat(151), null), "bio");
        assertValidationFailed(profile(token, "Ada", "tab\there", null), "bio");
        assertValidationFailed(profile(token, "📷".repeat(65), "", null), "displayName");
        assertValidationFailed(profile(token, " ", "", null), "displayName");
        assertThat(eventCount(userId, ProfileUpdated.class)).isZero();

        assertThat(profile(token, "  Ada  ", bio, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        ProfileUpdated stored = storedEvents(userId, ProfileUpdated.class).get(0);
        assertThat(stored.displayName()).isEqualTo("Ada");
        assertThat(stored.bio()).isEqualTo(bio);
    }

    @Test
    void theAvatarMustBeAStoredPhotoOfTheCaller() throws Exception {
        String name = uniqueName("av");
        String userId = register(name);
        String other = register(uniqueName("avo"));
        String token = tokenOf(name);
        String mine = UUID.randomUUID().toString();
        String theirs = UUID.randomUUID().toString();
        String deleted = UUID.randomUUID().toString();
        publishMediaStored(mine, userId);
        publishMediaStored(theirs, other);
        publishMediaStored(deleted, userId);
        publishMediaDeleted(deleted, userId);
        await().atMost(DEADLINE)
                .until(() ->
                        count("SELECT count(*) FROM media WHERE media_id = ? AND state = 'DELETED'", deleted) == 1);

        assertProblem(profile(token, "Ada", "", "never-uploaded"), HttpStatus.UNPROCESSABLE_ENTITY, "MEDIA_NOT_READY");
        assertProblem(profile(token, "Ada", "", theirs), HttpStatus.UNPROCESSABLE_ENTITY, "MEDIA_NOT_OWNED");
        assertProblem(profile(token, "Ada", "", deleted), HttpStatus.UNPROCESSABLE_ENTITY, "MEDIA_NOT_READY");
        assertThat(eventCount(userId, ProfileUpdated.class)).isZero();

        assertThat(profile(token, "Ada", "", mine).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(storedEvents(userId, ProfileUpdated.class))
                .extracting(ProfileUpdated::avatarMediaId)
                .containsExactly(mine);
    }

    // Username

    @Test
    void aNewUsernameSignsInAndTheOldOneNoLongerDoes() throws Exception {
        String name = uniqueName("old");
        String userId = register(name);
        String token = tokenOf(name);
        String newName = uniqueName("new");

        assertThat(changeUsername(token, newName).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(storedEvents(userId, UsernameChanged.class))
                .extracting(UsernameChanged::username)
                .containsExactly(newName);
        assertThat(jdbc.queryForObject("SELECT username FROM accounts WHERE user_id = ?", String.class, userId))
                .isEqualTo(newName);
        assertThat(signIn(newName.toUpperCase(), "correct horse " + name).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertProblem(signIn(name, "correct horse " + name), HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS");
    }

    @Test
    void aUsernameAnotherAccountHoldsInAnyCaseIsRefusedAndNothingChanges() {
        String holder = uniqueName("holder");
        register(holder);
        String name = uniqueName("asker");
        String userId = register(name);
        String token = tokenOf(name);

        assertProblem(changeUsername(token, holder.toUpperCase()), HttpStatus.CONFLICT, "USERNAME_TAKEN");

        assertThat(eventCount(userId, UsernameChanged.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT username FROM accounts WHERE user_id = ?", String.class, userId))
                .isEqualTo(name);
        assertThat(signIn(name, "correct horse " + name).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void changingOnlyTheCaseOfOnesOwnNameIsAllowedAndTheSameNameAgainChangesNothing() {
        String name = uniqueName("case");
        String userId = register(name);
        String token = tokenOf(name);

        assertThat(changeUsername(token, name).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(eventCount(userId, UsernameChanged.class)).isZero();

        assertThat(changeUsername(token, name.toUpperCase()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(changeUsername(token, name.toUpperCase()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(eventCount(userId, UsernameChanged.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT username FROM accounts WHERE user_id = ?", String.class, userId))
                .isEqualTo(name.toUpperCase());
    }

    @Test
    void theFormerUsernameIsFreeForOthers() {
        String name = uniqueName("free");
        register(name);
        assertThat(changeUsername(tokenOf(name), uniqueName("moved")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<JsonNode> taken = signUp(name, uniqueName("e") + "@example.com", PASSWORD, "Newcomer");

        assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aNewUsernameFollowsTheRegistrationRules() {
        String name = uniqueName("rules");
        String userId = register(name);
        String token = tokenOf(name);

        for (String username : List.of("", "x".repeat(31), "with space", "émile")) {
            assertValidationFailed(changeUsername(token, username), "username");
        }
        assertValidationFailed(call(HttpMethod.PUT, "/api/users/me/username", token, Map.of()), "username");
        assertProblem(
                raw(HttpMethod.PUT, "/api/users/me/username", token, "{\"username\":"),
                HttpStatus.BAD_REQUEST,
                "MALFORMED_REQUEST");
        assertProblem(changeUsername(null, uniqueName("anon")), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        assertThat(eventCount(userId, UsernameChanged.class)).isZero();
    }

    @Test
    void mentionsResolveTheNewUsernameAndNoLongerTheOldOne() throws Exception {
        String author = uniqueName("author");
        String authorId = register(author);
        String name = uniqueName("mentioned");
        String userId = register(name);
        String newName = uniqueName("renamed");
        assertThat(changeUsername(tokenOf(name), newName).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        String mediaId = UUID.randomUUID().toString();
        publishMediaStored(mediaId, authorId);
        await().atMost(DEADLINE).until(() -> count("SELECT count(*) FROM media WHERE media_id = ?", mediaId) == 1);

        ResponseEntity<JsonNode> post = call(
                HttpMethod.POST,
                "/api/posts",
                tokenOf(author),
                Map.of("caption", "Hi @" + newName + " and @" + name, "mediaIds", List.of(mediaId)));

        assertThat(post.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode mentioned = storedPayload(post.getBody().get("id").asText(), UsersMentioned.class);
        assertThat(ids(mentioned.get("mentionedUserIds"))).containsExactly(userId);
    }

    // Devices

    @Test
    void aPhoneAndATabletBothReceiveAndRegisteringOneAgainChangesNothing() {
        String name = uniqueName("dev");
        String userId = register(name);
        String token = tokenOf(name);
        String phone = "phone-" + userId;
        String tablet = "tablet-" + userId;

        for (String device : List.of(phone, tablet, phone, tablet)) {
            assertThat(device(token, device, "android").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        }

        assertThat(eventCount(userId, DeviceRegistered.class)).isEqualTo(2);
        assertThat(owner(phone)).isEqualTo(userId);
        assertThat(owner(tablet)).isEqualTo(userId);
    }

    @Test
    void aTokenRegisteredByAnotherAccountLeavesTheFirstOne() throws Exception {
        String aName = uniqueName("first");
        String first = register(aName);
        String bName = uniqueName("second");
        String second = register(bName);
        String shared = "shared-" + first;
        assertThat(device(tokenOf(aName), shared, "ios").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(device(tokenOf(bName), shared, "ios").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(removedTokens(first)).containsExactly(shared);
        assertThat(eventCount(second, DeviceRegistered.class)).isEqualTo(1);
        assertThat(owner(shared)).isEqualTo(second);

        // The first account's late DELETE does not take the token from its new owner.
        assertThat(call(HttpMethod.DELETE, "/api/users/me/devices/" + shared, tokenOf(aName), null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(owner(shared)).isEqualTo(second);
        assertThat(eventCount(second, DeviceRemoved.class)).isZero();
    }

    @Test
    void deletingADeviceAndFcmRejectingOneBothFreeTheToken() throws Exception {
        String name = uniqueName("del");
        String userId = register(name);
        String token = tokenOf(name);
        String phone = "phone-" + userId;
        String tablet = "tablet-" + userId;
        device(token, phone, "android");
        device(token, tablet, "web");

        assertThat(call(HttpMethod.DELETE, "/api/users/me/devices/" + phone, token, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        publishRejection(userId, tablet);

        assertThat(owner(phone)).isNull();
        await().atMost(DEADLINE).until(() -> owner(tablet) == null);
        assertThat(removedTokens(userId)).containsExactlyInAnyOrder(phone, tablet);
    }

    @Test
    void refusesMalformedDeviceTokensAndPlatforms() {
        String name = uniqueName("bad");
        String userId = register(name);
        String token = tokenOf(name);
        for (String device : List.of("", "x".repeat(1025), "with space", "slash/ed", "ünïcode")) {
            assertValidationFailed(device(token, device, "android"), "token");
        }
        assertValidationFailed(device(token, null, "android"), "token");
        assertValidationFailed(device(token, "ok-token", "windows-phone"), "platform");
        assertValidationFailed(device(token, "ok-token", null), "platform");

        assertThat(device(token, "x".repeat(1024), "web").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(eventCount(userId, DeviceRegistered.class)).isEqualTo(1);
    }

    private ResponseEntity<JsonNode> signUp(String username, String email, String password, String displayName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("email", email);
        body.put("password", password);
        body.put("displayName", displayName);
        return call(HttpMethod.POST, "/api/users", null, body);
    }

    private ResponseEntity<JsonNode> signIn(String login, String password) {
        return call(HttpMethod.POST, "/api/auth/token", null, Map.of("login", login, "password", password));
    }

    private ResponseEntity<JsonNode> profile(String token, String displayName, String bio, String avatarMediaId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", displayName);
        body.put("bio", bio);
        body.put("avatarMediaId", avatarMediaId);
        return call(HttpMethod.PUT, "/api/users/me/profile", token, body);
    }

    private ResponseEntity<JsonNode> changeUsername(String token, String username) {
        return call(HttpMethod.PUT, "/api/users/me/username", token, Map.of("username", username));
    }

    private ResponseEntity<JsonNode> device(String token, String deviceToken, String platform) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", deviceToken);
        body.put("platform", platform);
        return call(HttpMethod.POST, "/api/users/me/devices", token, body);
    }

    private ResponseEntity<JsonNode> raw(HttpMethod method, String path, String token, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private String owner(String deviceToken) {
        return jdbc
                .queryForList("SELECT user_id FROM device_tokens WHERE token = ?", String.class, deviceToken)
                .stream()
                .findFirst()
                .orElse(null);
    }

    private List<String> removedTokens(String userId) {
        return storedEvents(userId, DeviceRemoved.class).stream()
                .map(DeviceRemoved::token)
                .toList();
    }

    /** MediaDeleted as media-uploader publishes it when the last post showing the photo is deleted. */
    private void publishMediaDeleted(String mediaId, String ownerId) throws Exception {
        rabbitTemplate.send(
                EXCHANGE,
                AmqpTopology.routingKey(MediaDeleted.class),
                MessageBuilder.withBody(
                                objectMapper.writeValueAsBytes(new MediaDeleted(mediaId, ownerId, Instant.now())))
                        .setContentType("application/json")
                        .setHeader(WireHeaders.MESSAGE_ID, UUID.randomUUID().toString())
                        .setHeader(WireHeaders.MESSAGE_TYPE, MediaDeleted.class.getName())
                        .setHeader(WireHeaders.AGGREGATE_ID, mediaId)
                        .setHeader(WireHeaders.AGGREGATE_SEQUENCE, 1L)
                        .build());
    }

    /** DeviceTokenRejected as push-dispatcher reports a token FCM refused. */
    private void publishRejection(String userId, String deviceToken) {
        try {
            rabbitTemplate.send(
                    EXCHANGE,
                    AmqpTopology.routingKey(DeviceTokenRejected.class),
                    MessageBuilder.withBody(objectMapper.writeValueAsBytes(
                                    new DeviceTokenRejected(userId, deviceToken, "UNREGISTERED", Instant.now())))
                            .setContentType("application/json")
                            .setHeader(WireHeaders.MESSAGE_ID, UUID.randomUUID().toString())
                            .setHeader(WireHeaders.MESSAGE_TYPE, DeviceTokenRejected.class.getName())
                            .setHeader(WireHeaders.AGGREGATE_ID, deviceToken)
                            .setHeader(WireHeaders.AGGREGATE_SEQUENCE, 0L)
                            .build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }

    private static void assertValidationFailed(ResponseEntity<JsonNode> response, String field) {
        assertProblem(response, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
        List<String> fields = new ArrayList<>();
        response.getBody()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).as(response.getBody().toString()).contains(field);
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String code) {
        assertThat(response.getStatusCode())
                .as(String.valueOf(response.getBody()))
                .isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(response.getBody().get("code").asText()).isEqualTo(code);
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
