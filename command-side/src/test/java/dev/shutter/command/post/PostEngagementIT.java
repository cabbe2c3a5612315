package dev.shutter.command.post;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.command.CommandSideIntegrationTest;
import dev.shutter.devstack.infra.JwtKeys;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.post.UsersMentioned;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Likes and mentions against the whole command side and its event store: what a burst of concurrent, duplicated likes
 * leaves in the store, and how mentions are resolved through the accounts table.
 */
class PostEngagementIT extends CommandSideIntegrationTest {

    private static final JwtKeys KEYS = TestInfrastructure.jwtKeys();

    @Test
    void twoHundredLikesFromFiftyUsersAtOnceWithDuplicatesStoreExactlyOneEventPerLike() throws Exception {
        String author = UUID.randomUUID().toString();
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posts.add(publishPost(author, tokenFor(author), "Post " + i));
        }
        Map<String, Set<String>> likers = new HashMap<>();
        posts.forEach(post -> likers.put(post, new HashSet<>()));
        List<Callable<HttpStatus>> likes = new ArrayList<>();
        for (int user = 0; user < 50; user++) {
            String userId = UUID.randomUUID().toString();
            String token = tokenFor(userId);
            for (int k = 0; k < 4; k++) {
                String post = posts.get((user + k) % posts.size());
                likers.get(post).add(userId);
                for (int copy = 0; copy < (user % 3 == 0 ? 2 : 1); copy++) {
                    likes.add(() -> like(post, token));
                }
            }
        }
        Collections.shuffle(likes, new Random(11));

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<HttpStatus> answers = new ArrayList<>();
        try {
            for (Future<HttpStatus> answer : pool.invokeAll(likes)) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(likes).hasSize(268);
        assertThat(answers).containsOnly(HttpStatus.NO_CONTENT);
        for (String post : posts) {
            assertThat(storedLikers(post)).as("likes stored for %s", post).hasSameElementsAs(likers.get(post));
            assertThat(eventCount(post, PostLiked.class))
                    .isEqualTo(likers.get(post).size());
            assertThat(count(
                            "SELECT max(sequence_number) + 1 - count(*) FROM domain_event_entry"
                                    + " WHERE aggregate_identifier = ?",
                            post))
                    .as("the post's events are numbered without gaps")
                    .isZero();
        }
    }

    @Test
    void mentionsAreResolvedThroughTheAccountsAndOnlyNewOnesAreToldOnAnEdit() throws Exception {
        String suffix = RUN.substring(0, 6);
        String authorName = "author_" + suffix;
        String author = register(authorName);
        String bob = register("bob_" + suffix);
        String cy = register("cy." + suffix);
        String dee = register("dee_" + suffix);

        String post = publishPost(
                author,
                tokenFor(author),
                "Hi @BOB_" + suffix + ", @bob_" + suffix + " and @cy." + suffix + ". Not @ghost_" + suffix
                        + " nor me, @" + authorName + "; mail " + authorName + "@example.com");
        assertThat(mentions(post)).singleElement().satisfies(mention -> {
            assertThat(mention.get("commentId").isNull()).isTrue();
            assertThat(mention.get("actorId").asText()).isEqualTo(author);
            assertThat(ids(mention.get("mentionedUserIds"))).containsExactly(bob, cy);
        });

        ResponseEntity<JsonNode> edit = call(
                HttpMethod.PATCH,
                "/api/posts/" + post,
                tokenFor(author),
                Map.of("caption", "Now @dee_" + suffix + " and @bob_" + suffix));
        assertThat(edit.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<JsonNode> comment = call(
                HttpMethod.POST,
                "/api/posts/" + post + "/comments",
                tokenFor(bob),
                Map.of("text", "Thanks @" + authorName + " and @bob_" + suffix));
        assertThat(comment.getStatusCode()).isEqualTo(HttpStatus.CREATED);

        List<JsonNode> mentions = mentions(post);
        assertThat(mentions).hasSize(3);
        assertThat(ids(mentions.get(1).get("mentionedUserIds")))
                .as("the edit tells only dee, whom no earlier caption mentioned")
                .containsExactly(dee);
        assertThat(mentions.get(2).get("commentId").asText())
                .isEqualTo(comment.getBody().get("id").asText());
        assertThat(mentions.get(2).get("actorId").asText()).isEqualTo(bob);
        assertThat(ids(mentions.get(2).get("mentionedUserIds"))).containsExactly(author);
    }

    @Test
    void aCaptionOverTheLimitChangesNothingAndNamesTheField() {
        String author = UUID.randomUUID().toString();
        String post = publishPost(author, tokenFor(author), "Short");

        ResponseEntity<JsonNode> edit =
                call(HttpMethod.PATCH, "/api/posts/" + post, tokenFor(author), Map.of("caption", "x".repeat(2201)));

        assertThat(edit.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(edit.getBody().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(edit.getBody().at("/errors/0/field").asText()).isEqualTo("caption");
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", post))
                .isEqualTo(1);
    }

    /** Likes as an app does: a 409 (two changes to the post at the same moment) is sent again. */
    private HttpStatus like(String post, String token) {
        HttpStatus status = likeOnce(post, token);
        for (int attempt = 0; status == HttpStatus.CONFLICT && attempt < 5; attempt++) {
            status = likeOnce(post, token);
        }
        return status;
    }

    private HttpStatus likeOnce(String post, String token) {
        return HttpStatus.valueOf(call(HttpMethod.PUT, "/api/posts/" + post + "/likes/me", token, null)
                .getStatusCode()
                .value());
    }

    /** A token for a user id that needs no account: the command side trusts the signature alone. */
    private static String tokenFor(String userId) {
        return KEYS.token(userId, "user-" + userId.substring(0, 8), Set.of("user"), Duration.ofMinutes(5));
    }

    private List<String> storedLikers(String post) throws Exception {
        List<String> likers = new ArrayList<>();
        for (JsonNode payload : payloads(post, PostLiked.class)) {
            likers.add(payload.get("userId").asText());
        }
        return likers;
    }

    private List<JsonNode> mentions(String post) throws Exception {
        return payloads(post, UsersMentioned.class);
    }

    private List<JsonNode> payloads(String aggregateId, Class<?> type) throws Exception {
        List<JsonNode> payloads = new ArrayList<>();
        for (byte[] payload : jdbc.queryForList(
                "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?"
                        + " ORDER BY sequence_number",
                byte[].class,
                aggregateId,
                type.getName())) {
            payloads.add(objectMapper.readTree(new String(payload, StandardCharsets.UTF_8)));
        }
        return payloads;
    }

    private long count(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
