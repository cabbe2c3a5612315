package dev.shutter.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.shutter.devstack.infra.JwtKeys;
import dev.shutter.devstack.infra.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query side over HTTP against an in-process MongoDB holding documents exactly as projections writes them. The
 * {@code posts} view is in its second generation throughout, with stale first-generation documents left behind.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=query-side", "shutter.media.base-url=https://media.shutter.test"})
class QuerySideIT {

    private static final MongoServer MONGO_SERVER = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO_SERVER.bindAndGetConnectionString();
    private static final MongoClient MONGO = MongoClients.create(MONGO_URI);
    private static final ReadModelFixtures FIXTURES = new ReadModelFixtures(MONGO);
    private static final JwtKeys KEYS = TestInfrastructure.jwtKeys();
    private static final AtomicInteger FINDS = new AtomicInteger();
    private static final Instant T0 =
            Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(1));

    static {
        FIXTURES.viewState("profiles", 1);
        FIXTURES.viewState("posts", 2);
        FIXTURES.viewState("timelines", 1);
        // social has no view_state document: it must be read as generation 1
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> MONGO_URI);
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> KEYS.publicKeyFile().toUri().toString());
    }

    @Test
    void answersAProfileWithItsCountsAndAvatar() throws Exception {
        String id = newId();
        FIXTURES.user(id, "Alice_" + id.substring(0, 8), "Alice", "avatar-1", 12, 7, 3);

        JsonNode profile = ok("/api/users/" + id, tokenFor(newId()));

        assertThat(profile.get("id").asText()).isEqualTo(id);
        assertThat(profile.get("username").asText()).isEqualTo("Alice_" + id.substring(0, 8));
        assertThat(profile.get("displayName").asText()).isEqualTo("Alice");
        assertThat(profile.get("bio").asText()).isEqualTo("Bio of Alice");
        assertThat(profile.get("avatarUrl").asText()).isEqualTo("https://media.shutter.test/api/media/avatar-1/small");
        assertThat(profile.get("followerCount").asLong()).isEqualTo(12);
        assertThat(profile.get("followingCount").asLong()).isEqualTo(7);
        assertThat(profile.get("postCount").asLong()).isEqualTo(3);
    }

    @Test
    void findsAProfileByUsernameWhateverItsCase() throws Exception {
        String id = newId();
        String username = "Bob_" + id.substring(0, 8);
        FIXTURES.user(id, username);

        JsonNode profile = ok("/api/users?username=" + username.toUpperCase(), tokenFor(newId()));

        assertThat(profile.get("id").asText()).isEqualTo(id);
        assertThat(profile.get("username").asText()).isEqualTo(username);
        assertThat(profile.get("avatarUrl").isNull()).isTrue();
    }

    @Test
    void answersNotFoundForAnUnknownUserOrUsername() throws Exception {
        String token = tokenFor(newId());

        assertProblem(get("/api/users/" + newId(), token), 404, "NOT_FOUND");
        assertProblem(get("/api/users?username=nobody-" + newId(), token), 404, "NOT_FOUND");
        assertProblem(get("/api/users/" + newId() + "/followers", token), 404, "NOT_FOUND");
        assertProblem(get("/api/users/" + newId() + "/posts", token), 404, "NOT_FOUND");
    }

    @Test
    void rejectsAUsernameLookupWithoutAUsername() throws Exception {
        Answer answer = get("/api/users", tokenFor(newId()));

        assertProblem(answer, 400, "VALIDATION_FAILED");
        assertThat(answer.body().at("/errors/0/field").asText()).isEqualTo("username");
    }

    @Test
    void pagesFollowersAndFollowingNewestFirstWithoutInactiveEdges() throws Exception {
        String star = newId();
        FIXTURES.user(star, "star_" + star.substring(0, 8));
        List<String> fans = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String fan = newId();
            fans.add(fan);
            FIXTURES.user(fan, "fan" + i + "_" + fan.substring(0, 8));
            FIXTURES.follow(fan, star, T0.plusSeconds(i), true);
        }
        String former = newId();
        FIXTURES.user(former, "former_" + former.substring(0, 8));
        FIXTURES.follow(former, star, T0.plusSeconds(60), false);
        String token = tokenFor(newId());

        JsonNode first = ok("/api/users/" + star + "/followers?limit=2", token);
        JsonNode second = ok(
                "/api/users/" + star + "/followers?limit=2&cursor="
                        + first.get("nextCursor").asText(),
                token);

        assertThat(ids(first)).containsExactly(fans.get(2), fans.get(1));
        assertThat(first.at("/items/0/username").asText()).startsWith("fan2_");
        assertThat(first.at("/items/0/displayName").asText()).startsWith("Display fan2_");
        assertThat(ids(second)).containsExactly(fans.get(0));
        assertThat(second.get("nextCursor").isNull()).isTrue();

        JsonNode following = ok("/api/users/" + fans.get(1) + "/following", token);
        assertThat(ids(following)).containsExactly(star);
        assertThat(following.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void pagesAUsersPostsAsFullPostViewsFromTheCurrentGeneration() throws Exception {
        String author = newId();
        FIXTURES.user(author, "author_" + author.substring(0, 8), "The Author", "face", 0, 0, 2);
        String older = newId();
        String newer = newId();
        String deleted = newId();
        FIXTURES.post(older, author, "first light", List.of("m1", "m2"), T0.plusSeconds(1));
        FIXTURES.post(newer, author, "second light", List.of("m3"), T0.plusSeconds(2));
        FIXTURES.postInGeneration(1, newer, author, "stale generation", List.of("old"), T0.plusSeconds(2), false);
        FIXTURES.deletedPost(deleted, author, T0.plusSeconds(3));
        FIXTURES.userEntry(older, author, T0.plusSeconds(1));
        FIXTURES.userEntry(newer, author, T0.plusSeconds(2));

        JsonNode page = ok("/api/users/" + author + "/posts", tokenFor(newId()));

        assertThat(ids(page)).containsExactly(newer, older);
        assertThat(page.get("nextCursor").isNull()).isTrue();
        JsonNode post = page.at("/items/1");
        assertThat(post.get("caption").asText()).isEqualTo("first light");
        assertThat(post.at("/author/id").asText()).isEqualTo(author);
        assertThat(post.at("/author/displayName").asText()).isEqualTo("The Author");
        assertThat(post.at("/author/avatarUrl").asText()).isEqualTo("https://media.shutter.test/api/media/face/small");
        assertThat(post.at("/media/0/id").asText()).isEqualTo("m1");
        assertThat(post.at("/media/0/urls/original").asText())
                .isEqualTo("https://media.shutter.test/api/media/m1/original");
        assertThat(post.at("/media/0/urls/large").asText()).isEqualTo("https://media.shutter.test/api/media/m1/large");
        assertThat(post.at("/media/1/urls/small").asText()).isEqualTo("https://media.shutter.test/api/media/m2/small");
        assertThat(post.get("likeCount").asLong()).isEqualTo(2);
        assertThat(post.get("commentCount").asLong()).isEqualTo(3);
        assertThat(post.get("likedByMe").asBoolean()).isFalse();
        assertThat(post.get("createdAt").asText()).isEqualTo(T0.plusSeconds(1).toString());
        assertThat(page.at("/items/0/caption").asText()).isEqualTo("second light");
    }

    @Test
    void pagesTheHomeTimelineWithoutDuplicatesOrGapsWhileNewerPostsArrive() throws Exception {
        String owner = newId();
        String author = newId();
        FIXTURES.user(owner, "owner_" + owner.substring(0, 8));
        FIXTURES.user(author, "poster_" + author.substring(0, 8));
        int[] secondsAfterT0 = {1, 2, 3, 4, 4, 5, 6};
        List<TimelinePost> published = new ArrayList<>();
        for (int seconds : secondsAfterT0) {
            TimelinePost post = new TimelinePost(newId(), T0.plusSeconds(seconds));
            published.add(post);
            FIXTURES.post(post.id(), author, "at " + seconds, List.of("m-" + seconds), post.createdAt());
            FIXTURES.homeEntry(owner, post.id(), author, post.createdAt());
        }
        FIXTURES.homeEntry(
                newId(), published.get(0).id(), author, published.get(0).createdAt());
        List<String> expected = published.stream()
                .sorted(Comparator.comparing(TimelinePost::createdAt)
                        .thenComparing(TimelinePost::id)
                        .reversed())
                .map(TimelinePost::id)
                .toList();
        String token = tokenFor(owner);

        JsonNode first = ok("/api/timeline?limit=3", token);
        String newest = newId();
        FIXTURES.post(newest, author, "just now", List.of("m-now"), T0.plusSeconds(100));
        FIXTURES.homeEntry(owner, newest, author, T0.plusSeconds(100));
        JsonNode second =
                ok("/api/timeline?limit=3&cursor=" + first.get("nextCursor").asText(), token);
        JsonNode third =
                ok("/api/timeline?limit=3&cursor=" + second.get("nextCursor").asText(), token);

        List<String> seen = new ArrayList<>();
        seen.addAll(ids(first));
        seen.addAll(ids(second));
        seen.addAll(ids(third));
        assertThat(ids(first)).hasSize(3);
        assertThat(ids(second)).hasSize(3);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(third.get("nextCursor").isNull()).isTrue();
        assertThat(ids(ok("/api/timeline?limit=3", token))).startsWith(newest);
    }

    @Test
    void answersATimelinePageWithTheSameFewQueriesWhateverItsSize() throws Exception {
        String owner = newId();
        FIXTURES.user(owner, "reader_" + owner.substring(0, 8));
        for (int i = 0; i < 12; i++) {
            String author = newId();
            String post = newId();
            FIXTURES.user(author, "many" + i + "_" + author.substring(0, 8));
            FIXTURES.post(post, author, "post " + i, List.of("m-" + i), T0.plusSeconds(i));
            FIXTURES.homeEntry(owner, post, author, T0.plusSeconds(i));
            FIXTURES.like(post, owner, i % 2 == 0);
        }
        String token = tokenFor(owner);

        int smallPage = findsDuring(() -> ok("/api/timeline?limit=2", token));
        int largePage = findsDuring(() -> ok("/api/timeline?limit=12", token));

        // the caller's blocks, the page, posts by id, authors by id, the caller's likes by id, and at most one
        // view_state read per view
        assertThat(smallPage).isBetween(5, 9);
        assertThat(largePage).isBetween(5, 9);
        assertThat(ids(ok("/api/timeline?limit=12", token))).hasSize(12);
    }

    @Test
    void showsWhetherTheCallerLikedAPost() throws Exception {
        String author = newId();
        String fan = newId();
        String unliked = newId();
        FIXTURES.user(author, "liked_" + author.substring(0, 8));
        String post = newId();
        FIXTURES.post(post, author, "like me", List.of("m-like"), T0);
        FIXTURES.like(post, fan, true);
        FIXTURES.like(post, unliked, false);

        JsonNode byFan = ok("/api/posts/" + post, tokenFor(fan));
        JsonNode byUnliked = ok("/api/posts/" + post, tokenFor(unliked));
        JsonNode byStranger = ok("/api/posts/" + post, tokenFor(newId()));

        assertThat(byFan.get("likedByMe").asBoolean()).isTrue();
        assertThat(byUnliked.get("likedByMe").asBoolean()).isFalse();
        assertThat(byStranger.get("likedByMe").asBoolean()).isFalse();
        assertThat(byFan.get("id").asText()).isEqualTo(post);
        assertThat(byFan.get("caption").asText()).isEqualTo("like me");
        assertThat(byFan.at("/author/username").asText()).startsWith("liked_");
        assertThat(byFan.get("createdAt").asText()).isEqualTo(T0.toString());
    }

    @Test
    void answersNotFoundForUnknownAndDeletedPosts() throws Exception {
        String author = newId();
        String deleted = newId();
        FIXTURES.user(author, "deleter_" + author.substring(0, 8));
        FIXTURES.deletedPost(deleted, author, T0);
        String token = tokenFor(newId());

        assertProblem(get("/api/posts/" + newId(), token), 404, "NOT_FOUND");
        assertProblem(get("/api/posts/" + deleted, token), 404, "NOT_FOUND");
        assertProblem(get("/api/posts/" + deleted + "/comments", token), 404, "NOT_FOUND");
    }

    @Test
    void pagesCommentsNewestFirstWithoutDeletedOnes() throws Exception {
        String author = newId();
        String commenter = newId();
        FIXTURES.user(author, "host_" + author.substring(0, 8));
        FIXTURES.user(commenter, "guest_" + commenter.substring(0, 8), "Guest", "guest-face", 0, 0, 0);
        String post = newId();
        FIXTURES.post(post, author, "talk to me", List.of("m-talk"), T0);
        FIXTURES.comment("c1-" + post, post, commenter, "first", T0.plusSeconds(1), false);
        FIXTURES.comment("c2-" + post, post, commenter, "regretted", T0.plusSeconds(2), true);
        FIXTURES.comment("c3-" + post, post, author, "third", T0.plusSeconds(3), false);
        FIXTURES.comment("c4-" + post, post, commenter, "fourth", T0.plusSeconds(4), false);
        String token = tokenFor(newId());

        JsonNode first = ok("/api/posts/" + post + "/comments?limit=2", token);
        JsonNode second = ok(
                "/api/posts/" + post + "/comments?limit=2&cursor="
                        + first.get("nextCursor").asText(),
                token);

        assertThat(ids(first)).containsExactly("c4-" + post, "c3-" + post);
        assertThat(ids(second)).containsExactly("c1-" + post);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        JsonNode comment = first.at("/items/0");
        assertThat(comment.get("text").asText()).isEqualTo("fourth");
        assertThat(comment.get("createdAt").asText())
                .isEqualTo(T0.plusSeconds(4).toString());
        assertThat(comment.at("/author/id").asText()).isEqualTo(commenter);
        assertThat(comment.at("/author/displayName").asText()).isEqualTo("Guest");
        assertThat(comment.at("/author/avatarUrl").asText())
                .isEqualTo("https://media.shutter.test/api/media/guest-face/small");
    }

    @Test
    void pagesTheUsersWhoLikeAPostLatestLikeFirst() throws Exception {
        String author = newId();
        FIXTURES.user(author, "liked_by_" + author.substring(0, 8));
        String post = newId();
        FIXTURES.post(post, author, "like it", List.of("m-liked"), T0);
        List<String> fans = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String fan = newId();
            fans.add(fan);
            if (i != 3) {
                FIXTURES.user(fan, "likes" + i + "_" + fan.substring(0, 8), "Fan " + i, "fan-face-" + i, 0, 0, 0);
            }
        }
        FIXTURES.like(post, fans.get(0), true, T0.plusSeconds(1));
        FIXTURES.like(post, fans.get(1), true, T0.plusSeconds(3));
        FIXTURES.like(post, fans.get(2), false, T0.plusSeconds(2));
        FIXTURES.like(post, fans.get(3), true, T0.plusSeconds(4));
        FIXTURES.like(newId(), fans.get(2), true, T0.plusSeconds(5));
        String token = tokenFor(newId());

        JsonNode first = ok("/api/posts/" + post + "/likes?limit=2", token);
        JsonNode second = ok(
                "/api/posts/" + post + "/likes?limit=2&cursor="
                        + first.get("nextCursor").asText(),
                token);

        assertThat(ids(first)).containsExactly(fans.get(3), fans.get(1));
        assertThat(ids(second)).containsExactly(fans.get(0));
        assertThat(second.get("nextCursor").isNull()).isTrue();
        JsonNode fan = first.at("/items/1");
        assertThat(fan.get("username").asText()).startsWith("likes1_");
        assertThat(fan.get("displayName").asText()).isEqualTo("Fan 1");
        assertThat(fan.get("avatarUrl").asText()).isEqualTo("https://media.shutter.test/api/media/fan-face-1/small");
        assertThat(first.at("/items/0/username").isNull())
                .as("a liker the profiles view does not know yet")
                .isTrue();
    }

    @Test
    void answersNotFoundForTheLikesOfAnUnknownOrDeletedPost() throws Exception {
        String author = newId();
        String deleted = newId();
        FIXTURES.user(author, "gone_" + author.substring(0, 8));
        FIXTURES.deletedPost(deleted, author, T0);
        FIXTURES.like(deleted, newId(), true);
        String token = tokenFor(newId());

        assertProblem(get("/api/posts/" + deleted + "/likes", token), 404, "NOT_FOUND");
        assertProblem(get("/api/posts/" + newId() + "/likes", token), 404, "NOT_FOUND");
        assertProblem(get("/api/posts/" + deleted + "/likes?limit=0", token), 400, "VALIDATION_FAILED");
    }

    @Test
    void pagesPostsByHashtagWhateverTheCaseOfTheTagNewestFirstWithoutDeletedOnes() throws Exception {
        String suffix = newId().substring(0, 8);
        String tag = "sunset" + suffix;
        String author = newId();
        String mentioned = newId();
        String unmentioned = newId();
        FIXTURES.user(author, "tagger_" + suffix, "Tagger", null, 0, 0, 0);
        FIXTURES.user(mentioned, "friend_" + suffix, "Friend", null, 0, 0, 0);
        // Once mentioned, then edited out; the caption still names a longer username that starts with theirs.
        FIXTURES.user(unmentioned, "friend_" + suffix.substring(0, 4), "Former", null, 0, 0, 0);
        String older = newId();
        String newer = newId();
        String deleted = newId();
        String other = newId();
        FIXTURES.taggedPost(
                older,
                author,
                "#Sunset" + suffix + " with @FRIEND_" + suffix,
                List.of(tag),
                List.of(mentioned, unmentioned),
                T0.plusSeconds(1),
                false);
        FIXTURES.taggedPost(newer, author, "#" + tag, List.of(tag), List.of(), T0.plusSeconds(2), false);
        FIXTURES.taggedPost(deleted, author, "#" + tag, List.of(tag), List.of(), T0.plusSeconds(3), true);
        FIXTURES.taggedPost(
                other, author, "#sunrise", List.of("sunrise" + suffix), List.of(), T0.plusSeconds(4), false);
        String token = tokenFor(newId());

        JsonNode first = ok("/api/tags/" + tag.toUpperCase() + "/posts?limit=1", token);
        JsonNode second = ok(
                "/api/tags/" + tag + "/posts?limit=1&cursor="
                        + first.get("nextCursor").asText(),
                token);
        JsonNode withHash = ok("/api/tags/" + URLEncoder.encode("#" + tag, StandardCharsets.UTF_8) + "/posts", token);

        assertThat(ids(first)).containsExactly(newer);
        assertThat(ids(second)).containsExactly(older);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(ids(withHash)).containsExactly(newer, older);
        JsonNode post = second.at("/items/0");
        assertThat(post.get("hashtags")).hasSize(1);
        assertThat(post.at("/hashtags/0").asText()).isEqualTo(tag);
        assertThat(post.at("/author/username").asText()).isEqualTo("tagger_" + suffix);
        assertThat(post.get("mentions"))
                .as("only users the current caption still names")
                .hasSize(1);
        assertThat(post.at("/mentions/0/id").asText()).isEqualTo(mentioned);
        assertThat(post.at("/mentions/0/username").asText()).isEqualTo("friend_" + suffix);
        assertThat(post.get("likeCount").asLong()).isEqualTo(1);
    }

    @Test
    void findsAUnicodeHashtagGivenInAnotherCase() throws Exception {
        String author = newId();
        FIXTURES.user(author, "cafe_" + author.substring(0, 8));
        String tag = "café" + author.substring(0, 6);
        String post = newId();
        FIXTURES.taggedPost(post, author, "#" + tag, List.of(tag), List.of(), T0, false);

        JsonNode page = ok(
                "/api/tags/" + URLEncoder.encode(tag.toUpperCase(Locale.ROOT), StandardCharsets.UTF_8) + "/posts",
                tokenFor(newId()));

        assertThat(ids(page)).containsExactly(post);
    }

    @Test
    void rejectsATagThatNoCaptionCouldCarry() throws Exception {
        String token = tokenFor(newId());

        Answer spaced = get("/api/tags/two%20words/posts", token);
        assertProblem(spaced, 400, "VALIDATION_FAILED");
        assertThat(spaced.body().at("/errors/0/field").asText()).isEqualTo("tag");
        assertProblem(get("/api/tags/" + "a".repeat(101) + "/posts", token), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/tags/%23/posts", token), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/tags/ok/posts?cursor=not-a-cursor", token), 400, "INVALID_CURSOR");
    }

    @Test
    void answersAHashtagPageAndALikesPageWithTheSameFewQueriesWhateverTheirSize() throws Exception {
        String suffix = newId().substring(0, 8);
        String tag = "many" + suffix;
        String viewer = newId();
        String popular = newId();
        FIXTURES.user(newId(), "popular_" + suffix);
        FIXTURES.post(popular, newId(), "popular", List.of("m-pop"), T0);
        for (int i = 0; i < 12; i++) {
            String author = newId();
            FIXTURES.user(author, "tagged" + i + "_" + suffix);
            FIXTURES.taggedPost(newId(), author, "#" + tag, List.of(tag), List.of(author), T0.plusSeconds(i), false);
            FIXTURES.like(popular, author, true, T0.plusSeconds(i));
        }
        String token = tokenFor(viewer);

        int smallTagPage = findsDuring(() -> ok("/api/tags/" + tag + "/posts?limit=2", token));
        int largeTagPage = findsDuring(() -> ok("/api/tags/" + tag + "/posts?limit=12", token));
        int smallLikesPage = findsDuring(() -> ok("/api/posts/" + popular + "/likes?limit=2", token));
        int largeLikesPage = findsDuring(() -> ok("/api/posts/" + popular + "/likes?limit=12", token));

        // the caller's blocks, tagged posts, which authors are private, authors and mentioned users, the caller's
        // likes; plus at most one view_state read per view
        assertThat(smallTagPage).isBetween(5, 8);
        assertThat(largeTagPage).isBetween(5, 8);
        // the caller's blocks, the post exists, whether its author is private, its likes, the likers; plus view_state
        // reads
        assertThat(smallLikesPage).isBetween(5, 8);
        assertThat(largeLikesPage).isBetween(5, 8);
        assertThat(ids(ok("/api/tags/" + tag + "/posts?limit=12", token))).hasSize(12);
        assertThat(ids(ok("/api/posts/" + popular + "/likes?limit=12", token))).hasSize(12);
    }

    @Test
    void findsUsersByUsernameOrDisplayNamePrefixIgnoringCaseAndAccents() throws Exception {
        String suffix = randomLetters();
        String byUsername = newId();
        String byName = newId();
        String stranger = newId();
        FIXTURES.user(byUsername, "jose_" + suffix, "Someone", "face-" + suffix, 0, 0, 0);
        FIXTURES.user(byName, "b_" + suffix, "José " + suffix + "Silva", null, 0, 0, 0);
        FIXTURES.user(stranger, "c_" + suffix, "Nobody", null, 0, 0, 0);
        String token = tokenFor(newId());

        JsonNode jose = ok("/api/users/search?q=jose&limit=100", token);
        JsonNode usernameWithAccent = ok("/api/users/search?q=" + encode("JOSÉ_" + suffix), token);
        JsonNode wordOfName = ok("/api/users/search?q=" + encode(suffix.toUpperCase(Locale.ROOT) + "SIL"), token);
        JsonNode wholeName = ok("/api/users/search?q=" + encode("  josé   " + suffix), token);

        assertThat(ids(jose)).contains(byUsername, byName).doesNotContain(stranger);
        assertThat(ids(usernameWithAccent)).containsExactly(byUsername);
        assertThat(ids(wordOfName)).containsExactly(byName);
        assertThat(ids(wholeName)).containsExactly(byName);
        JsonNode found = usernameWithAccent.at("/items/0");
        assertThat(found.get("username").asText()).isEqualTo("jose_" + suffix);
        assertThat(found.get("displayName").asText()).isEqualTo("Someone");
        assertThat(found.get("avatarUrl").asText())
                .isEqualTo("https://media.shutter.test/api/media/face-" + suffix + "/small");
        assertThat(found.has("followerCount")).as("a summary, not a profile").isFalse();
    }

    @Test
    void pagesSearchResultsInUsernameOrderWithOneQueryPerPageBesidesTheCallersBlocks() throws Exception {
        String prefix = "pg" + randomLetters();
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String id = newId();
            users.add(id);
            FIXTURES.user(id, prefix + "_" + i);
        }
        String token = tokenFor(newId());

        JsonNode first = ok("/api/users/search?q=" + prefix + "&limit=2", token);
        JsonNode second = ok(
                "/api/users/search?q=" + prefix + "&limit=2&cursor="
                        + first.get("nextCursor").asText(),
                token);
        int finds = findsDuring(() -> ok("/api/users/search?q=" + prefix + "&limit=3", token));

        assertThat(ids(first)).containsExactly(users.get(0), users.get(1));
        assertThat(ids(second)).containsExactly(users.get(2));
        assertThat(second.get("nextCursor").isNull()).isTrue();
        // the caller's blocks and the page; plus at most one view_state read per view
        assertThat(finds).isBetween(2, 4);
    }

    @Test
    void rejectsAnEmptyOrOverlongSearch() throws Exception {
        String token = tokenFor(newId());

        Answer missing = get("/api/users/search", token);
        assertProblem(missing, 400, "VALIDATION_FAILED");
        assertThat(missing.body().at("/errors/0/field").asText()).isEqualTo("q");
        assertProblem(get("/api/users/search?q=%20%20", token), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/users/search?q=" + "x".repeat(65), token), 400, "VALIDATION_FAILED");
        assertThat(ids(ok("/api/users/search?q=" + encode(".*"), token)))
                .as("the text is matched literally, never as a pattern")
                .isEmpty();
    }

    @Test
    void showsTheHashtagsAndMentionsOfAComment() throws Exception {
        String author = newId();
        String friend = newId();
        FIXTURES.user(author, "poster_" + author.substring(0, 8));
        FIXTURES.user(friend, "pal_" + friend.substring(0, 8), "Pal", null, 0, 0, 0);
        String post = newId();
        FIXTURES.post(post, author, "look", List.of("m-look"), T0);
        FIXTURES.comment("c-" + post, post, author, "@pal #Wow", List.of("wow"), List.of(friend), T0.plusSeconds(1));

        JsonNode comment =
                ok("/api/posts/" + post + "/comments", tokenFor(newId())).at("/items/0");

        assertThat(comment.at("/hashtags/0").asText()).isEqualTo("wow");
        assertThat(comment.at("/mentions/0/id").asText()).isEqualTo(friend);
        assertThat(comment.at("/mentions/0/displayName").asText()).isEqualTo("Pal");
    }

    @Test
    void aDeletedAccountIsNotFoundAndNoLongerMentionedThoughAnotherUserTookItsName() throws Exception {
        String suffix = randomLetters();
        // Projections removed everything of the deleted account; mentions of it may still name its id.
        String deleted = newId();
        String host = newId();
        String guest = newId();
        String heir = newId();
        String formerName = "gina_" + suffix;
        FIXTURES.user(host, "host_" + suffix, "Host", null, 0, 0, 1);
        FIXTURES.user(guest, "guest_" + suffix);
        FIXTURES.user(heir, formerName, "Heir", null, 0, 0, 0);
        String post = newId();
        FIXTURES.taggedPost(post, host, "Hello @" + formerName, List.of(), List.of(deleted), T0, false);
        FIXTURES.comment(
                "c-" + post,
                post,
                guest,
                "Welcome @" + formerName + " says @host_" + suffix,
                List.of(),
                List.of(deleted, host),
                T0.plusSeconds(1));
        String token = tokenFor(guest);

        assertProblem(get("/api/users/" + deleted, token), 404, "NOT_FOUND");
        for (String list : List.of("followers", "following", "posts")) {
            assertProblem(get("/api/users/" + deleted + "/" + list, token), 404, "NOT_FOUND");
        }
        assertThat(ok("/api/users?username=" + formerName, token).get("id").asText())
                .isEqualTo(heir);
        assertThat(ids(ok("/api/users/search?q=" + formerName, token))).containsExactly(heir);
        assertThat(ok("/api/posts/" + post, token).get("mentions"))
                .as("neither the deleted account nor the heir of its name")
                .isEmpty();
        JsonNode mentions = ok("/api/posts/" + post + "/comments", token).at("/items/0/mentions");
        assertThat(mentions).hasSize(1);
        assertThat(mentions.at("/0/id").asText()).isEqualTo(host);
    }

    @Test
    void followsASwitchToANewGenerationWithinASecond() throws Exception {
        String owner = newId();
        String author = newId();
        FIXTURES.user(author, "switch_" + author.substring(0, 8));
        String before = newId();
        String after = newId();
        FIXTURES.post(before, author, "before", List.of("m-b"), T0);
        FIXTURES.post(after, author, "after", List.of("m-a"), T0);
        int current = FIXTURES.generation("timelines");
        FIXTURES.homeEntryInGeneration(current, owner, before, author, T0);
        FIXTURES.homeEntryInGeneration(current + 1, owner, after, author, T0);
        String token = tokenFor(owner);
        assertThat(ids(ok("/api/timeline", token))).containsExactly(before);

        FIXTURES.viewState("timelines", current + 1);
        long switchedAt = System.nanoTime();
        List<String> seen = ids(ok("/api/timeline", token));
        while (!seen.equals(List.of(after))
                && System.nanoTime() - switchedAt < Duration.ofSeconds(3).toNanos()) {
            Thread.sleep(50);
            seen = ids(ok("/api/timeline", token));
        }

        assertThat(seen).containsExactly(after);
        assertThat(Duration.ofNanos(System.nanoTime() - switchedAt)).isLessThan(Duration.ofMillis(1200));
    }

    @Test
    void rejectsRequestsWithoutAToken() throws Exception {
        Answer answer = get("/api/timeline", null);

        assertProblem(answer, 401, "UNAUTHORIZED");
    }

    @Test
    void rejectsATokenSignedWithAnotherKey() throws Exception {
        String forged = JwtKeys.generate().token(newId(), "mallory", Set.of("user"), Duration.ofMinutes(5));

        assertProblem(get("/api/timeline", forged), 401, "UNAUTHORIZED");
    }

    @Test
    void rejectsATokenOfAnotherIssuerEvenWithAValidSignature() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("someone-else")
                .subject(newId())
                .claim("scope", "user")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(privateKey()));

        assertProblem(get("/api/timeline", jwt.serialize()), 401, "UNAUTHORIZED");
    }

    @Test
    void rejectsAnExpiredToken() throws Exception {
        String expired = KEYS.token(newId(), "late", Set.of("user"), Duration.ofMinutes(-10));

        assertProblem(get("/api/users/" + newId(), expired), 401, "UNAUTHORIZED");
    }

    @Test
    void rejectsAMalformedCursorAndAnOversizedPage() throws Exception {
        String token = tokenFor(newId());

        assertProblem(
                get("/api/timeline?cursor=" + URLEncoder.encode("@@", StandardCharsets.UTF_8), token),
                400,
                "INVALID_CURSOR");
        assertProblem(get("/api/timeline?limit=500", token), 400, "VALIDATION_FAILED");
    }

    @Test
    void answersHealthWithoutAToken() throws Exception {
        Answer answer = get("/actuator/health", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("status").asText()).isEqualTo("UP");
    }

    private record TimelinePost(String id, Instant createdAt) {}

    private interface Call {
        void run() throws Exception;
    }

    private int findsDuring(Call call) throws Exception {
        int before = FINDS.get();
        call.run();
        return FINDS.get() - before;
    }

    /** Counts the {@code find} commands the application's own MongoDB client sends. */
    @TestConfiguration(proxyBeanMethods = false)
    static class QueryCounting {

        @Bean
        MongoClientSettingsBuilderCustomizer countFinds() {
            return settings -> settings.addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if ("find".equals(event.getCommandName())) {
                        FINDS.incrementAndGet();
                    }
                }
            });
        }
    }

    private record Answer(int status, String contentType, JsonNode body) {}

    private static String randomLetters() {
        StringBuilder letters = new StringBuilder();
        UUID.randomUUID()
                .toString()
                .replace("-", "")
                .chars()
                .limit(8)
                .forEach(c -> letters.append((char) ('a' + c % 26)));
        return letters.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static String tokenFor(String userId) {
        return KEYS.token(userId, "user-" + userId.substring(0, 8), Set.of("user"), Duration.ofMinutes(5));
    }

    private static PrivateKey privateKey() throws Exception {
        String pem = Files.readString(KEYS.privateKeyFile());
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private JsonNode ok(String path, String token) throws IOException, InterruptedException {
        Answer answer = get(path, token);
        assertThat(answer.status())
                .as("GET %s answered %s", path, answer.body())
                .isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        return answer.body();
    }

    private Answer get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                body);
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("status").asInt()).isEqualTo(status);
        assertThat(answer.body().get("code").asText()).isEqualTo(code);
    }
}
