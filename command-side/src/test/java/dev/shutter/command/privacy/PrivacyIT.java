package dev.shutter.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.command.CommandSideIntegrationTest;
import dev.shutter.events.block.UserBlocked;
import dev.shutter.events.block.UserUnblocked;
import dev.shutter.events.follow.FollowRequestDeclined;
import dev.shutter.events.follow.FollowRequestWithdrawn;
import dev.shutter.events.follow.FollowRequested;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.post.UsersMentioned;
import dev.shutter.events.user.AccountPrivacyChanged;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Private accounts, follow requests and blocks over HTTP: the events they leave in the event store, and refusals that
 * leave nothing.
 */
class PrivacyIT extends CommandSideIntegrationTest {

    @Test
    void aFollowOfAPrivateAccountIsARequestTheOwnerApprovesOrDeclines() {
        Member owner = member("owner");
        Member ada = member("ada");
        Member bob = member("bob");
        Member cy = member("cy");

        assertNoContent(call(HttpMethod.PUT, "/api/users/me/privacy", owner.token, Map.of("private", true)));
        assertThat(eventCount(owner.id, AccountPrivacyChanged.class)).isEqualTo(1);

        assertNoContent(follow(ada, owner));
        assertNoContent(follow(ada, owner));
        assertThat(eventCount(followId(ada, owner), FollowRequested.class))
                .as("asking again while the request is pending changes nothing")
                .isEqualTo(1);
        assertThat(eventCount(followId(ada, owner), UserFollowed.class)).isZero();

        assertNoContent(call(HttpMethod.PUT, "/api/users/me/follow-requests/" + ada.id, owner.token, null));
        assertThat(eventCount(followId(ada, owner), UserFollowed.class)).isEqualTo(1);

        assertNoContent(follow(bob, owner));
        assertNoContent(call(HttpMethod.DELETE, "/api/users/me/follow-requests/" + bob.id, owner.token, null));
        assertThat(eventCount(followId(bob, owner), FollowRequestDeclined.class))
                .isEqualTo(1);

        assertNoContent(follow(cy, owner));
        assertNoContent(call(HttpMethod.DELETE, "/api/users/me/following/" + owner.id, cy.token, null));
        assertThat(eventCount(followId(cy, owner), FollowRequestWithdrawn.class))
                .isEqualTo(1);
        assertThat(pendingRequestsTo(owner)).isEmpty();
    }

    @Test
    void answeringARequestNobodyMadeIsNotFoundAndChangesNothing() {
        Member owner = member("owner");
        Member ada = member("ada");
        Member bob = member("bob");
        assertNoContent(call(HttpMethod.PUT, "/api/users/me/privacy", owner.token, Map.of("private", true)));
        assertNoContent(follow(bob, owner));
        assertNoContent(call(HttpMethod.PUT, "/api/users/me/follow-requests/" + bob.id, owner.token, null));
        long events = totalEvents();

        List<ResponseEntity<JsonNode>> answers = List.of(
                call(HttpMethod.PUT, "/api/users/me/follow-requests/" + ada.id, owner.token, null),
                call(HttpMethod.DELETE, "/api/users/me/follow-requests/" + ada.id, owner.token, null),
                call(HttpMethod.PUT, "/api/users/me/follow-requests/" + bob.id, owner.token, null),
                call(HttpMethod.DELETE, "/api/users/me/follow-requests/" + bob.id, owner.token, null),
                call(HttpMethod.PUT, "/api/users/me/follow-requests/" + owner.id, bob.token, null));

        for (ResponseEntity<JsonNode> answer : answers) {
            assertThat(answer.getStatusCode())
                    .as(String.valueOf(answer.getBody()))
                    .isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(answer.getBody().get("code").asText()).isEqualTo("NOT_FOUND");
        }
        assertThat(totalEvents()).isEqualTo(events);
        assertThat(eventCount(followId(bob, owner), UserFollowed.class)).isEqualTo(1);
    }

    @Test
    void switchingToPublicApprovesEveryPendingRequestAndLaterFollowsAreImmediate() {
        Member owner = member("owner");
        Member ada = member("ada");
        Member bob = member("bob");
        Member cy = member("cy");
        assertNoContent(call(HttpMethod.PUT, "/api/users/me/privacy", owner.token, Map.of("private", true)));
        assertNoContent(follow(ada, owner));
        assertNoContent(follow(bob, owner));
        assertThat(pendingRequestsTo(owner)).containsExactlyInAnyOrder(ada.id, bob.id);

        assertNoContent(call(HttpMethod.PUT, "/api/users/me/privacy", owner.token, Map.of("private", false)));
        assertNoContent(follow(cy, owner));

        assertThat(eventCount(owner.id, AccountPrivacyChanged.class)).isEqualTo(2);
        assertThat(eventCount(followId(ada, owner), UserFollowed.class)).isEqualTo(1);
        assertThat(eventCount(followId(bob, owner), UserFollowed.class)).isEqualTo(1);
        assertThat(eventCount(followId(cy, owner), FollowRequested.class)).isZero();
        assertThat(eventCount(followId(cy, owner), UserFollowed.class)).isEqualTo(1);
        assertThat(pendingRequestsTo(owner)).isEmpty();
    }

    @Test
    void settingTheSamePrivacyAgainChangesNothing() {
        Member owner = member("owner");
        assertNoContent(call(HttpMethod.PUT, "/api/users/me/privacy", owner.token, Map.of("private", false)));
        assertNoContent(call(HttpMethod.PUT, "/api/users/me/privacy", owner.token, Map.of("private", true)));
        assertNoContent(call(HttpMethod.PUT, "/api/users/me/privacy", owner.token, Map.of("private", true)));

        assertThat(eventCount(owner.id, AccountPrivacyChanged.class)).isEqualTo(1);
    }

    @Test
    void aPrivacyChangeWithoutAClearFlagIsMalformedAndChangesNothing() {
        Member owner = member("owner");
        long events = totalEvents();
        Map<String, Object> nullFlag = new HashMap<>();
        nullFlag.put("private", null);

        for (Object body : List.of(Map.of(), Map.of("private", "maybe"), nullFlag, Map.of("privateAccount", true))) {
            ResponseEntity<JsonNode> answer = call(HttpMethod.PUT, "/api/users/me/privacy", owner.token, body);
            assertThat(answer.getStatusCode())
                    .as("%s: %s", body, answer.getBody())
                    .isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody().get("code").asText()).isEqualTo("MALFORMED_REQUEST");
        }
        assertThat(totalEvents()).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM private_accounts WHERE user_id = ?", Long.class, owner.id))
                .isZero();
    }

    @Test
    void aBlockEndsTheFollowsBothWaysAndKeepsBothFromFollowingAgainUntilLifted() {
        Member ada = member("ada");
        Member bob = member("bob");
        assertNoContent(follow(ada, bob));
        assertNoContent(follow(bob, ada));

        assertNoContent(block(ada, bob));
        assertNoContent(block(ada, bob));

        assertThat(eventCount(blockId(ada, bob), UserBlocked.class)).isEqualTo(1);
        assertThat(eventCount(followId(ada, bob), UserUnfollowed.class)).isEqualTo(1);
        assertThat(eventCount(followId(bob, ada), UserUnfollowed.class)).isEqualTo(1);

        long events = totalEvents();
        assertBlocked(follow(bob, ada));
        assertBlocked(follow(ada, bob));
        assertThat(totalEvents()).isEqualTo(events);

        assertNoContent(call(HttpMethod.DELETE, "/api/users/me/blocks/" + bob.id, ada.token, null));
        assertNoContent(call(HttpMethod.DELETE, "/api/users/me/blocks/" + bob.id, ada.token, null));
        assertThat(eventCount(blockId(ada, bob), UserUnblocked.class)).isEqualTo(1);
        assertThat(eventCount(followId(ada, bob), UserFollowed.class))
                .as("lifting the block restores no follow")
                .isEqualTo(1);

        assertNoContent(follow(bob, ada));
        assertThat(eventCount(followId(bob, ada), UserFollowed.class)).isEqualTo(2);
    }

    @Test
    void aBlockWithdrawsPendingRequestsBothWaysAndRefusesNewOnes() {
        Member ada = member("ada");
        Member bob = member("bob");
        assertNoContent(call(HttpMethod.PUT, "/api/users/me/privacy", ada.token, Map.of("private", true)));
        assertNoContent(call(HttpMethod.PUT, "/api/users/me/privacy", bob.token, Map.of("private", true)));
        assertNoContent(follow(ada, bob));
        assertNoContent(follow(bob, ada));

        assertNoContent(block(bob, ada));

        assertThat(eventCount(followId(ada, bob), FollowRequestWithdrawn.class)).isEqualTo(1);
        assertThat(eventCount(followId(bob, ada), FollowRequestWithdrawn.class)).isEqualTo(1);
        assertThat(pendingRequestsTo(ada)).isEmpty();
        assertThat(pendingRequestsTo(bob)).isEmpty();

        long events = totalEvents();
        assertBlocked(follow(ada, bob));
        assertThat(call(HttpMethod.PUT, "/api/users/me/follow-requests/" + ada.id, bob.token, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(totalEvents()).isEqualTo(events);
    }

    @Test
    void blockingYourselfOrAnUnknownUserIsRefusedAndChangesNothing() {
        Member ada = member("ada");
        long events = totalEvents();

        ResponseEntity<JsonNode> self = block(ada, ada);
        ResponseEntity<JsonNode> unknown =
                call(HttpMethod.PUT, "/api/users/me/blocks/" + UUID.randomUUID(), ada.token, null);
        ResponseEntity<JsonNode> unblockStranger =
                call(HttpMethod.DELETE, "/api/users/me/blocks/" + UUID.randomUUID(), ada.token, null);

        assertThat(self.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(self.getBody().get("code").asText()).isEqualTo("CANNOT_BLOCK_SELF");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("code").asText()).isEqualTo("NOT_FOUND");
        assertNoContent(unblockStranger);
        assertThat(totalEvents()).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM blocks WHERE blocker_id = ?", Long.class, ada.id))
                .isZero();
    }

    @Test
    void aBlockKeepsBothFromLikingOrCommentingOnTheOthersPosts() {
        Member ada = member("ada");
        Member bob = member("bob");
        String adasPost = publishPost(ada.id, ada.token, "Sunset");
        String bobsPost = publishPost(bob.id, bob.token, "Sunrise");
        assertNoContent(block(ada, bob));
        long events = totalEvents();

        assertBlocked(call(HttpMethod.PUT, "/api/posts/" + adasPost + "/likes/me", bob.token, null));
        assertBlocked(call(HttpMethod.POST, "/api/posts/" + adasPost + "/comments", bob.token, Map.of("text", "Hi")));
        assertBlocked(call(HttpMethod.PUT, "/api/posts/" + bobsPost + "/likes/me", ada.token, null));
        assertBlocked(call(HttpMethod.POST, "/api/posts/" + bobsPost + "/comments", ada.token, Map.of("text", "Hi")));

        assertThat(totalEvents()).isEqualTo(events);
        assertThat(call(HttpMethod.PUT, "/api/posts/" + adasPost + "/likes/me", ada.token, null)
                        .getStatusCode())
                .as("the author still likes their own post")
                .isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void aTextDoesNotMentionAUserWhoBlocksItsWriter() throws Exception {
        Member ada = member("ada");
        Member bob = member("bob");
        Member cy = member("cy");
        Member dee = member("dee");
        assertNoContent(block(cy, ada));
        assertNoContent(block(bob, dee));

        String post = publishPost(ada.id, ada.token, "With @" + bob.name + " and @" + cy.name);
        ResponseEntity<JsonNode> comment = call(
                HttpMethod.POST,
                "/api/posts/" + post + "/comments",
                dee.token,
                Map.of("text", "Hello @" + bob.name + " and @" + ada.name));

        assertThat(comment.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        List<JsonNode> mentions = new ArrayList<>();
        for (byte[] payload : jdbc.queryForList(
                "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?"
                        + " ORDER BY sequence_number",
                byte[].class,
                post,
                UsersMentioned.class.getName())) {
            mentions.add(objectMapper.readTree(payload));
        }
        assertThat(mentions).hasSize(2);
        assertThat(ids(mentions.get(0).get("mentionedUserIds")))
                .as("the caption")
                .containsExactly(bob.id);
        assertThat(ids(mentions.get(1).get("mentionedUserIds")))
                .as("the comment")
                .containsExactly(ada.id);
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private record Member(String id, String name, String token) {}

    private Member member(String prefix) {
        String name = uniqueName(prefix);
        String id = register(name);
        return new Member(id, name, tokenOf(name));
    }

    private ResponseEntity<JsonNode> follow(Member follower, Member followee) {
        return call(HttpMethod.PUT, "/api/users/me/following/" + followee.id, follower.token, null);
    }

    private ResponseEntity<JsonNode> block(Member blocker, Member blocked) {
        return call(HttpMethod.PUT, "/api/users/me/blocks/" + blocked.id, blocker.token, null);
    }

    private List<String> pendingRequestsTo(Member owner) {
        return jdbc.queryForList(
                "SELECT follower_id FROM follow_requests WHERE followee_id = ?", String.class, owner.id);
    }

    private long totalEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private static String followId(Member follower, Member followee) {
        return follower.id + ":" + followee.id;
    }

    private static String blockId(Member blocker, Member blocked) {
        return "block:" + blocker.id + ":" + blocked.id;
    }

    private static void assertNoContent(ResponseEntity<JsonNode> answer) {
        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.NO_CONTENT);
    }

    private static void assertBlocked(ResponseEntity<JsonNode> answer) {
        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(answer.getBody().get("code").asText()).isEqualTo("BLOCKED");
    }
}
