package dev.shutter.devstack;

import static dev.shutter.devstack.ShutterApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shutter.devstack.ShutterApi.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Posts and engagement end to end, over HTTP against the shared devstack: carousels, captions with hashtags and
 * mentions, edits, comments, likes under concurrency, user search, deletion, and a rebuild of the views.
 */
@ExtendWith(RunningDevstack.Shared.class)
class ContentIT {

    private static final int USERS = 50;
    private static final int POSTS = 5;
    private static final int POSTS_LIKED_BY_EACH = 4;

    private static RunningDevstack devstack;
    private static ShutterApi api;
    private static ExecutorService pool;

    @BeforeAll
    static void useDevstack(RunningDevstack running) {
        devstack = running;
        api = running.api();
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void fiftyUsersLikingAtOnceWithDuplicatesLeaveExactCountsAlsoAfterARebuild() throws Exception {
        String suffix = suffix();
        String authorName = "star_" + suffix;
        devstack.register(authorName);
        String authorToken = devstack.login(authorName);
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            posts.add(publish(authorToken, "Post " + i + " #likes_" + suffix, upload(authorToken)));
        }
        List<Fan> fans = all(IntStream.range(0, USERS)
                .mapToObj(i -> (Callable<Fan>) () -> {
                    String name = "fan" + i + "_" + suffix;
                    String id = devstack.register(name);
                    return new Fan(id, devstack.login(name));
                })
                .toList());

        // Each fan likes 4 of the 5 posts: 200 likes. Every third fan sends each like twice; all at once, shuffled.
        Map<String, Set<String>> likers = new HashMap<>();
        posts.forEach(post -> likers.put(post, new HashSet<>()));
        List<Callable<Integer>> likes = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            Fan fan = fans.get(i);
            for (int k = 0; k < POSTS_LIKED_BY_EACH; k++) {
                String post = posts.get((i + k) % POSTS);
                likers.get(post).add(fan.id());
                int copies = i % 3 == 0 ? 2 : 1;
                for (int copy = 0; copy < copies; copy++) {
                    likes.add(() -> like(post, fan.token()));
                }
            }
        }
        Collections.shuffle(likes, new Random(7));
        List<Integer> statuses = all(likes);

        assertThat(likes).hasSizeGreaterThan(USERS * POSTS_LIKED_BY_EACH);
        assertThat(statuses)
                .as("every like, duplicates included, is answered 204")
                .containsOnly(204);
        assertThat(likers.values().stream().mapToInt(Set::size).sum()).isEqualTo(USERS * POSTS_LIKED_BY_EACH);
        for (String post : posts) {
            Eventually.await(
                    "the like count of " + post,
                    () -> api.get("/api/posts/" + post, authorToken).body(),
                    view -> view.path("likeCount").asLong() == likers.get(post).size());
            assertThat(likersOf(post, authorToken)).containsExactlyInAnyOrderElementsOf(likers.get(post));
        }
        Fan first = fans.get(0);
        assertThat(api.get("/api/posts/" + posts.get(0), first.token())
                        .body()
                        .path("likedByMe")
                        .asBoolean())
                .isTrue();
        assertThat(api.get("/api/posts/" + posts.get(4), first.token())
                        .body()
                        .path("likedByMe")
                        .asBoolean())
                .as("fan 0 likes posts 0 to 3 only")
                .isFalse();

        // Unlikes, sent twice at once, take exactly one like away each.
        List<Callable<Integer>> unlikes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Fan fan = fans.get(i);
            String post = posts.get(i % POSTS);
            likers.get(post).remove(fan.id());
            unlikes.add(() ->
                    api.delete("/api/posts/" + post + "/likes/me", fan.token()).status());
            unlikes.add(() ->
                    api.delete("/api/posts/" + post + "/likes/me", fan.token()).status());
        }
        assertThat(all(unlikes)).containsOnly(204);
        Map<String, Long> counts = new HashMap<>();
        for (String post : posts) {
            long expected = likers.get(post).size();
            Eventually.await(
                    "the like count of " + post + " after unlikes",
                    () -> api.get("/api/posts/" + post, authorToken).body(),
                    view -> view.path("likeCount").asLong() == expected);
            counts.put(post, expected);
        }

        // The posts view rebuilt from the event store counts the same.
        rebuild("posts");
        for (String post : posts) {
            assertThat(api.get("/api/posts/" + post, authorToken)
                            .body()
                            .path("likeCount")
                            .asLong())
                    .as("like count of %s after the rebuild", post)
                    .isEqualTo(counts.get(post));
            assertThat(likersOf(post, authorToken)).containsExactlyInAnyOrderElementsOf(likers.get(post));
        }
        assertThat(postIds(api.get("/api/tags/LIKES_" + suffix + "/posts?limit=10", authorToken)))
                .containsExactlyElementsOf(reversed(posts));
    }

    @Test
    void aPostIsTaggedMentionsEditedCommentedSearchedAndDeleted() throws Exception {
        String suffix = suffix();
        String alice = devstack.register("alice_" + suffix);
        String bob = devstack.register("bob_" + suffix);
        String carol = devstack.register("carol_" + suffix);
        String aliceToken = devstack.login("alice_" + suffix);
        String bobToken = devstack.login("bob_" + suffix);
        String carolToken = devstack.login("carol_" + suffix);
        assertThat(api.put(
                                "/api/users/me/profile",
                                body("displayName", "José " + suffix + "Ñandú", "bio", "Birds"),
                                carolToken)
                        .status())
                .isEqualTo(204);

        // A carousel in the order given; the caption tags and mentions (unknown names and the author are dropped).
        String firstPhoto = upload(aliceToken);
        String secondPhoto = upload(aliceToken);
        Answer tooManyPhotos = api.post(
                "/api/posts",
                body(
                        "caption",
                        "x",
                        "mediaIds",
                        IntStream.range(0, 11).mapToObj(i -> "m" + i).toList()),
                aliceToken);
        assertValidationFailed(tooManyPhotos, "mediaIds");
        assertValidationFailed(
                api.post("/api/posts", body("caption", "x".repeat(2201), "mediaIds", List.of(firstPhoto)), aliceToken),
                "caption");
        String post = publish(
                aliceToken,
                "Golden #Hour_" + suffix + " with @BOB_" + suffix + ", @nobody_" + suffix + " and @alice_" + suffix,
                secondPhoto,
                firstPhoto);

        JsonNode view = Eventually.await(
                        "the post view with its mention, which comes as an event of its own",
                        () -> api.get("/api/posts/" + post, bobToken),
                        answer -> answer.status() == 200
                                && !answer.body().path("mentions").isEmpty())
                .body();
        assertThat(view.path("author").path("id").asText()).isEqualTo(alice);
        assertThat(ids(view.path("media"))).containsExactly(secondPhoto, firstPhoto);
        assertThat(view.path("media").get(0).path("urls").path("large").asText())
                .contains(secondPhoto);
        assertThat(texts(view.path("hashtags"))).containsExactly("hour_" + suffix);
        assertThat(ids(view.path("mentions"))).containsExactly(bob);
        assertThat(postIds(api.get("/api/tags/hour_" + suffix.toUpperCase() + "/posts", bobToken)))
                .containsExactly(post);

        // Only the author edits the caption; tags and mentions follow the new caption.
        Answer editByBob = api.patch("/api/posts/" + post, body("caption", "Mine"), bobToken);
        assertThat(editByBob.status()).isEqualTo(403);
        assertThat(editByBob.code()).isEqualTo("FORBIDDEN");
        assertThat(api.patch(
                                "/api/posts/" + post,
                                body("caption", "Now #Dusk_" + suffix + " for @carol_" + suffix),
                                aliceToken)
                        .status())
                .isEqualTo(204);
        JsonNode edited = Eventually.await(
                "the edited caption and its new mention, which comes as an event of its own",
                () -> api.get("/api/posts/" + post, bobToken).body(),
                body -> body.path("caption").asText().startsWith("Now")
                        && !body.path("mentions").isEmpty());
        assertThat(texts(edited.path("hashtags"))).containsExactly("dusk_" + suffix);
        assertThat(ids(edited.path("mentions"))).containsExactly(carol);
        assertThat(postIds(api.get("/api/tags/hour_" + suffix + "/posts", bobToken)))
                .isEmpty();
        assertThat(postIds(api.get("/api/tags/%23DUSK_" + suffix + "/posts", bobToken)))
                .containsExactly(post);

        // Comments: mentions resolved, deleted by their author or the post's author, never by a third user.
        assertValidationFailed(
                api.post("/api/posts/" + post + "/comments", body("text", "y".repeat(2201)), bobToken), "text");
        String comment = created(api.post(
                "/api/posts/" + post + "/comments", body("text", "Lovely @carol_" + suffix + " #wow"), bobToken));
        JsonNode comments = Eventually.await(
                "the comment with its mention, which comes as an event of its own",
                () -> api.get("/api/posts/" + post + "/comments", carolToken).body(),
                body -> body.path("items").size() == 1
                        && !body.path("items").get(0).path("mentions").isEmpty());
        JsonNode shown = comments.path("items").get(0);
        assertThat(shown.path("author").path("id").asText()).isEqualTo(bob);
        assertThat(ids(shown.path("mentions"))).containsExactly(carol);
        assertThat(texts(shown.path("hashtags"))).containsExactly("wow");
        Eventually.await(
                "the comment count",
                () -> api.get("/api/posts/" + post, carolToken).body(),
                body -> body.path("commentCount").asLong() == 1);
        Answer byCarol = api.delete("/api/posts/" + post + "/comments/" + comment, carolToken);
        assertThat(byCarol.status()).isEqualTo(403);
        assertThat(byCarol.code()).isEqualTo("FORBIDDEN");
        assertThat(api.delete("/api/posts/" + post + "/comments/" + comment, aliceToken)
                        .status())
                .isEqualTo(204);
        String own = created(api.post("/api/posts/" + post + "/comments", body("text", "Again"), bobToken));
        assertThat(api.delete("/api/posts/" + post + "/comments/" + own, bobToken)
                        .status())
                .isEqualTo(204);
        Eventually.await(
                "both comments gone",
                () -> api.get("/api/posts/" + post + "/comments", carolToken).body(),
                body -> body.path("items").isEmpty()
                        && api.get("/api/posts/" + post, carolToken)
                                        .body()
                                        .path("commentCount")
                                        .asLong()
                                == 0);

        // Likes page and user search.
        assertThat(like(post, carolToken)).isEqualTo(204);
        Eventually.await("carol among the likers", () -> likersOf(post, aliceToken), ids -> ids.contains(carol));
        JsonNode found = Eventually.await(
                "carol found by an accent-free word of her name",
                () -> api.get("/api/users/search?q=" + encode("jose " + suffix + "nan"), aliceToken)
                        .body(),
                body -> body.path("items").size() == 1);
        assertThat(found.path("items").get(0).path("id").asText()).isEqualTo(carol);
        assertThat(ids(api.get("/api/users/search?q=BOB_" + suffix, aliceToken)
                        .body()
                        .path("items")))
                .containsExactly(bob);
        assertValidationFailed(api.get("/api/users/search?q=", aliceToken), "q");

        // Only the author deletes the post; it leaves the post view, the tag page, the author's posts and counts.
        assertThat(api.delete("/api/posts/" + post, bobToken).status()).isEqualTo(403);
        Eventually.await(
                "alice's post count",
                () -> api.get("/api/users/" + alice, aliceToken).body(),
                body -> body.path("postCount").asLong() == 1);
        assertThat(api.delete("/api/posts/" + post, aliceToken).status()).isEqualTo(204);
        Eventually.await(
                "the deleted post gone",
                () -> api.get("/api/posts/" + post, bobToken),
                answer -> answer.status() == 404);
        assertThat(api.get("/api/posts/" + post + "/likes", bobToken).status()).isEqualTo(404);
        assertThat(api.get("/api/posts/" + post + "/comments", bobToken).status())
                .isEqualTo(404);
        assertThat(postIds(api.get("/api/tags/dusk_" + suffix + "/posts", bobToken)))
                .isEmpty();
        Eventually.await(
                "the post out of alice's posts and count",
                () -> api.get("/api/users/" + alice, aliceToken).body(),
                body -> body.path("postCount").asLong() == 0
                        && postIds(api.get("/api/users/" + alice + "/posts", bobToken))
                                .isEmpty());
        assertThat(like(post, bobToken)).isEqualTo(404);
    }

    private record Fan(String id, String token) {}

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private static String upload(String token) {
        Answer upload = api.upload("/api/media", "photo.jpg", "image/jpeg", TestImages.jpeg(640, 480), token);
        assertThat(upload.status()).as(upload.body().toString()).isEqualTo(201);
        return upload.body().path("id").asText();
    }

    private static String publish(String token, String caption, String... mediaIds) {
        Answer published = Eventually.await(
                "the post is accepted once its photos are known",
                () -> api.post("/api/posts", body("caption", caption, "mediaIds", List.of(mediaIds)), token),
                answer -> !"MEDIA_NOT_READY".equals(answer.code()));
        return created(published);
    }

    private static String created(Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body().path("id").asText();
    }

    /** Likes as an app does: a 409 (two changes to the post at the same moment) is sent again. */
    private static int like(String post, String token) {
        Answer answer = api.put("/api/posts/" + post + "/likes/me", token);
        for (int attempt = 0; answer.status() == 409 && attempt < 5; attempt++) {
            answer = api.put("/api/posts/" + post + "/likes/me", token);
        }
        return answer.status();
    }

    private static List<String> likersOf(String post, String token) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Answer page = api.get(
                    "/api/posts/" + post + "/likes?limit=7" + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
            ids.addAll(ids(page.body().path("items")));
            cursor = page.body().path("nextCursor").isNull()
                    ? null
                    : page.body().path("nextCursor").asText();
        } while (cursor != null);
        return ids;
    }

    private static void rebuild(String view) {
        String adminToken = devstack.adminToken();
        int generation = viewState(view, adminToken).path("generation").asInt();
        Eventually.await(
                "the rebuild of " + view + " accepted",
                () -> api.post("/api/admin/views/" + view + "/rebuild", body(), adminToken)
                        .status(),
                status -> status == 202);
        Eventually.await(
                view + " rebuilt into a new generation",
                () -> viewState(view, adminToken),
                state -> state.path("generation").asInt() > generation
                        && "live".equals(state.path("state").asText()));
    }

    private static JsonNode viewState(String view, String adminToken) {
        for (JsonNode state : api.get("/api/admin/views", adminToken).body()) {
            if (view.equals(state.path("name").asText())) {
                return state;
            }
        }
        throw new AssertionError("No view named " + view);
    }

    private static void assertValidationFailed(Answer answer, String field) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.body().path("errors").get(0).path("field").asText()).isEqualTo(field);
    }

    private static <T> List<T> all(List<Callable<T>> tasks) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> future : pool.invokeAll(tasks)) {
            results.add(future.get());
        }
        return results;
    }

    private static List<String> postIds(Answer page) {
        assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
        return ids(page.body().path("items"));
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode items) {
        List<String> texts = new ArrayList<>();
        items.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
