package dev.shutter.command.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.command.CommandSideIntegrationTest;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.follow.FollowRequestDeclined;
import dev.shutter.events.follow.FollowRequestWithdrawn;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.media.MediaStored;
import dev.shutter.events.post.CommentAdded;
import dev.shutter.events.post.CommentDeleted;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.PostUnliked;
import dev.shutter.events.push.DeviceTokenRejected;
import dev.shutter.events.user.DeviceRemoved;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.events.user.UserRegistered;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class AccountDeletionIT extends CommandSideIntegrationTest {

    @Test
    void aDeletedAccountLeavesNoPersonalDataInTheEventStoreAndEndsEverythingOthersSaw() {
        String aliceName = uniqueName("alice");
        String bobName = uniqueName("bob");
        String alice = register(aliceName);
        String bob = register(bobName);
        String aliceToken = tokenOf(aliceName);
        String bobToken = tokenOf(bobName);
        String device = "alices-phone-" + UUID.randomUUID();
        assertSucceeded(
                call(HttpMethod.POST, "/api/users/me/devices", aliceToken, Map.of("token", device, "platform", "ios")));
        assertSucceeded(call(
                HttpMethod.PUT,
                "/api/users/me/profile",
                aliceToken,
                Map.of("displayName", "Alice Liddell", "bio", "Down the rabbit hole")));
        assertSucceeded(call(HttpMethod.PUT, "/api/users/me/following/" + bob, aliceToken, null));
        assertSucceeded(call(HttpMethod.PUT, "/api/users/me/following/" + alice, bobToken, null));
        String alicePost = publishPost(alice, aliceToken, "Tea party at the March Hare's");
        String bobPost = publishPost(bob, bobToken, "Bob's garden");
        assertSucceeded(call(HttpMethod.PUT, "/api/posts/" + bobPost + "/likes/me", aliceToken, null));
        String comment = createdId(call(
                HttpMethod.POST,
                "/api/posts/" + bobPost + "/comments",
                aliceToken,
                Map.of("text", "Curiouser and curiouser")));
        String cyName = uniqueName("cy");
        String cy = register(cyName);
        String cyToken = tokenOf(cyName);
        assertSucceeded(call(HttpMethod.PUT, "/api/users/me/privacy", cyToken, Map.of("private", true)));
        assertSucceeded(call(HttpMethod.PUT, "/api/users/me/following/" + cy, aliceToken, null));
        assertSucceeded(call(HttpMethod.PUT, "/api/users/me/privacy", aliceToken, Map.of("private", true)));
        assertSucceeded(call(HttpMethod.PUT, "/api/users/me/following/" + alice, cyToken, null));
        assertSucceeded(call(HttpMethod.PUT, "/api/users/me/blocks/" + cy, bobToken, null));
        String danName = uniqueName("dan");
        register(danName);
        assertSucceeded(call(HttpMethod.PUT, "/api/users/me/blocks/" + alice, tokenOf(danName), null));

        ResponseEntity<JsonNode> wrong =
                call(HttpMethod.DELETE, "/api/users/me", aliceToken, Map.of("password", "not it"));
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(wrong.getBody().get("code").asText()).isEqualTo("WRONG_PASSWORD");
        assertThat(eventCount(alice, UserDeleted.class)).isZero();
        assertThat(eventCount(alicePost, PostDeleted.class)).isZero();

        ResponseEntity<JsonNode> deleted =
                call(HttpMethod.DELETE, "/api/users/me", aliceToken, Map.of("password", "correct horse " + aliceName));

        assertThat(deleted.getStatusCode())
                .as(String.valueOf(deleted.getBody()))
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(eventCount(alice, UserDeleted.class)).isEqualTo(1);
        assertThat(eventCount(alicePost, PostDeleted.class)).isEqualTo(1);
        assertThat(eventCount(bobPost, CommentDeleted.class)).isEqualTo(1);
        assertThat(eventCount(bobPost, PostUnliked.class)).isEqualTo(1);
        assertThat(eventCount(alice + ":" + bob, UserUnfollowed.class)).isEqualTo(1);
        assertThat(eventCount(bob + ":" + alice, UserUnfollowed.class)).isEqualTo(1);
        assertThat(eventCount(alice, DeviceRemoved.class)).isEqualTo(1);
        assertThat(eventCount(alice + ":" + cy, FollowRequestWithdrawn.class)).isEqualTo(1);
        assertThat(eventCount(cy + ":" + alice, FollowRequestDeclined.class)).isEqualTo(1);
        for (String table : List.of(
                "accounts WHERE user_id = ?",
                "user_keys WHERE user_id = ?",
                "device_tokens WHERE user_id = ?",
                "private_accounts WHERE user_id = ?",
                "refresh_token_families WHERE user_id = ?",
                "media WHERE owner_id = ?",
                "follow_requests WHERE follower_id = ?1 OR followee_id = ?1",
                "blocks WHERE blocker_id = ?1 OR blocked_id = ?1")) {
            String sql = "SELECT count(*) FROM " + table.replace("?1", "?");
            Object[] arguments = table.contains("?1") ? new Object[] {alice, alice} : new Object[] {alice};
            assertThat(count(sql, arguments)).as(table).isZero();
        }
        assertThat(count("SELECT count(*) FROM blocks WHERE blocker_id = ?", bob))
                .as("others' blocks stay")
                .isOne();
        for (String personal : List.of(
                aliceName,
                aliceName + "@example.com",
                "Alice Liddell",
                "Down the rabbit hole",
                "Tea party",
                "Curiouser",
                device)) {
            assertThat(storedAnywhere(personal))
                    .as("'%s' in the event store", personal)
                    .isZero();
        }
        assertThat(storedEvents(alice, UserRegistered.class)).singleElement().satisfies(registered -> {
            assertThat(registered.username()).isNull();
            assertThat(registered.email()).isNull();
            assertThat(registered.displayName()).isNull();
        });
        assertThat(storedEvents(alicePost, PostPublished.class))
                .extracting(PostPublished::caption)
                .containsOnlyNulls();
        assertThat(storedEvents(bobPost, CommentAdded.class))
                .extracting(CommentAdded::text)
                .containsOnlyNulls();
        assertThat(storedEvents(bobPost, PostPublished.class))
                .extracting(PostPublished::caption)
                .containsExactly("Bob's garden");
        assertThat(count("SELECT count(*) FROM accounts WHERE user_id = ?", alice))
                .isZero();
        assertThat(count("SELECT count(*) FROM user_keys WHERE user_id = ?", alice))
                .isZero();
        assertThat(comment).isNotBlank();

        ResponseEntity<JsonNode> login = call(
                HttpMethod.POST,
                "/api/auth/token",
                null,
                Map.of("login", aliceName, "password", "correct horse " + aliceName));
        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call(HttpMethod.GET, "/api/users/me/export", aliceToken, null)
                        .getStatusCode())
                .as("the deleted account's token is refused")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call(HttpMethod.PUT, "/api/users/me/profile", aliceToken, Map.of("displayName", "Back again"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(eventCount(alice, ProfileUpdated.class)).isOne();
        assertThat(register(aliceName)).as("the username is free again").isNotEqualTo(alice);
    }

    @Test
    void theDeadLettersOfTheCommandSidesConsumersThatNameADeletedAccountAreForgotten() throws Exception {
        String name = uniqueName("erin");
        String erin = register(name);
        String token = tokenOf(name);
        String media = UUID.randomUUID().toString();
        publishEvent(media, new MediaStored(media, erin, "image/jpeg", 10, 10, null));
        publishEvent("erins-phone", new DeviceTokenRejected(erin, " ", "UNREGISTERED", Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM consumer_dead_letters WHERE strpos(body, ?) > 0", erin) == 2);

        assertSucceeded(call(HttpMethod.DELETE, "/api/users/me", token, Map.of("password", "correct horse " + name)));

        assertThat(count("SELECT count(*) FROM consumer_dead_letters WHERE strpos(body, ?) > 0", erin))
                .isZero();
    }

    private void publishEvent(String aggregateId, Record event) throws Exception {
        rabbitTemplate.send(
                EXCHANGE,
                AmqpTopology.routingKey(event.getClass()),
                MessageBuilder.withBody(objectMapper.writeValueAsBytes(event))
                        .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                        .setHeader(WireHeaders.MESSAGE_ID, UUID.randomUUID().toString())
                        .setHeader(WireHeaders.MESSAGE_TYPE, event.getClass().getName())
                        .setHeader(WireHeaders.AGGREGATE_ID, aggregateId)
                        .setHeader(WireHeaders.AGGREGATE_SEQUENCE, 0L)
                        .build());
    }

    private long storedAnywhere(String text) {
        return count(
                "SELECT count(*) FROM domain_event_entry WHERE position(? IN payload) > 0 OR position(? IN meta_data) > 0",
                text.getBytes(StandardCharsets.UTF_8),
                text.getBytes(StandardCharsets.UTF_8));
    }

    private long count(String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Long.class, arguments);
    }
}
