package dev.shutter.query;

import static dev.shutter.query.ReadModelFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.shutter.devstack.infra.JwtKeys;
import dev.shutter.devstack.infra.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
 * Private accounts and blocks on every read endpoint, over HTTP, each as seen by the owner, an approved follower, a
 * stranger and a blocked user. The world of each test: olivia has a private account; fred follows her (approved), rita
 * asked to and waits; sam is a stranger; olivia blocked bruno, who had liked and commented before; paula has a public
 * account.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=query-side", "shutter.media.base-url=https://media.shutter.test"})
class PrivacyReadsIT {

    private static final MongoServer MONGO_SERVER = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO_SERVER.bindAndGetConnectionString();
    private static final MongoClient MONGO = MongoClients.create(MONGO_URI);
    private static final ReadModelFixtures FIXTURES = new ReadModelFixtures(MONGO);
    private static final JwtKeys KEYS = TestInfrastructure.jwtKeys();
    private static final AtomicInteger FINDS = new AtomicInteger();
    private static final Instant T0 =
            Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(1));

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
    void everyoneButABlockedUserSeesThePrivateProfileHeaderWithItsCounts() throws Exception {
        World w = new World();

        for (String viewer : List.of(w.olivia, w.fred, w.sam)) {
            JsonNode profile = ok("/api/users/" + w.olivia, viewer);
            assertThat(profile.get("privateAccount").asBoolean()).isTrue();
            assertThat(profile.get("followerCount").asLong()).isEqualTo(1);
            assertThat(profile.get("postCount").asLong()).isEqualTo(2);
            assertThat(ok("/api/users?username=" + w.name(w.olivia), viewer)
                            .get("id")
                            .asText())
                    .isEqualTo(w.olivia);
        }
        assertThat(ok("/api/users/" + w.paula, w.sam).get("privateAccount").asBoolean())
                .isFalse();
        assertProblem(get("/api/users/" + w.olivia, w.bruno), 404, "NOT_FOUND");
        assertProblem(get("/api/users?username=" + w.name(w.olivia), w.bruno), 404, "NOT_FOUND");
        assertProblem(get("/api/users/" + w.bruno, w.olivia), 404, "NOT_FOUND");
    }

    @Test
    void aPrivateAccountsListsAreForTheOwnerAndApprovedFollowersOnly() throws Exception {
        World w = new World();

        for (String viewer : List.of(w.olivia, w.fred)) {
            assertThat(ids(ok("/api/users/" + w.olivia + "/followers", viewer))).containsExactly(w.fred);
            assertThat(ids(ok("/api/users/" + w.olivia + "/following", viewer))).containsExactly(w.paula);
            assertThat(ids(ok("/api/users/" + w.olivia + "/posts", viewer))).containsExactly(w.secondPost, w.firstPost);
        }
        for (String list : List.of("followers", "following", "posts")) {
            assertProblem(get("/api/users/" + w.olivia + "/" + list, w.sam), 403, "PRIVATE_ACCOUNT");
            assertProblem(get("/api/users/" + w.olivia + "/" + list, w.rita), 403, "PRIVATE_ACCOUNT");
            assertProblem(get("/api/users/" + w.olivia + "/" + list, w.bruno), 404, "NOT_FOUND");
        }
    }

    @Test
    void aPrivateAccountsPostItsCommentsAndLikesDoNotExistForNonFollowers() throws Exception {
        World w = new World();

        for (String viewer : List.of(w.olivia, w.fred)) {
            assertThat(ok("/api/posts/" + w.firstPost, viewer).get("caption").asText())
                    .isEqualTo("#hidden" + w.tag);
        }
        for (String viewer : List.of(w.sam, w.rita, w.bruno)) {
            assertProblem(get("/api/posts/" + w.firstPost, viewer), 404, "NOT_FOUND");
            assertProblem(get("/api/posts/" + w.firstPost + "/comments", viewer), 404, "NOT_FOUND");
            assertProblem(get("/api/posts/" + w.firstPost + "/likes", viewer), 404, "NOT_FOUND");
        }
    }

    @Test
    void commentsAndLikesOfABlockedUserAreHiddenFromTheUserWhoBlockedThem() throws Exception {
        World w = new World();

        assertThat(ids(ok("/api/posts/" + w.firstPost + "/comments", w.olivia))).containsExactly(w.fredsComment);
        assertThat(ids(ok("/api/posts/" + w.firstPost + "/likes", w.olivia))).containsExactly(w.fred);
        assertThat(ids(ok("/api/posts/" + w.firstPost + "/comments", w.fred)))
                .containsExactly(w.fredsComment, w.brunosComment);
        assertThat(ids(ok("/api/posts/" + w.firstPost + "/likes", w.fred))).containsExactly(w.bruno, w.fred);
    }

    @Test
    void tagPagesLeaveOutPostsTheViewerMayNotSee() throws Exception {
        World w = new World();
        String page = "/api/tags/hidden" + w.tag + "/posts";

        assertThat(ids(ok(page, w.olivia))).containsExactly(w.paulasPost, w.firstPost);
        assertThat(ids(ok(page, w.fred))).containsExactly(w.paulasPost, w.brunosPost, w.firstPost);
        assertThat(ids(ok(page, w.sam))).containsExactly(w.paulasPost, w.brunosPost);
        assertThat(ids(ok(page, w.bruno))).containsExactly(w.brunosPost);
        assertThat(ids(ok(page, w.paula))).containsExactly(w.paulasPost);
    }

    @Test
    void aPublicAccountThatBlockedTheViewerIsInvisibleToThem() throws Exception {
        World w = new World();

        assertProblem(get("/api/users/" + w.paula, w.bruno), 404, "NOT_FOUND");
        assertProblem(get("/api/users/" + w.paula + "/posts", w.bruno), 404, "NOT_FOUND");
        assertProblem(get("/api/users/" + w.paula + "/followers", w.bruno), 404, "NOT_FOUND");
        assertProblem(get("/api/posts/" + w.paulasPost, w.bruno), 404, "NOT_FOUND");
        assertThat(ids(ok("/api/tags/hidden" + w.tag + "/posts", w.bruno))).doesNotContain(w.paulasPost);
        assertThat(ids(ok("/api/users/" + w.olivia + "/following", w.fred)))
                .as("blocks between others change nothing for fred")
                .containsExactly(w.paula);
        assertThat(ids(ok("/api/users/" + w.paula + "/posts", w.sam))).containsExactly(w.paulasPost);
    }

    @Test
    void aLiftedBlockHidesNothing() throws Exception {
        World w = new World();
        FIXTURES.block(w.sam, w.paula, T0.plusSeconds(5), false);

        assertThat(ok("/api/users/" + w.paula, w.sam).get("id").asText()).isEqualTo(w.paula);
        assertThat(ids(ok("/api/users/" + w.paula + "/posts", w.sam))).containsExactly(w.paulasPost);
    }

    @Test
    void searchLeavesOutUsersABlockStandsBetween() throws Exception {
        World w = new World();

        assertThat(ids(ok("/api/users/search?q=" + w.prefix + "&limit=100", w.olivia)))
                .contains(w.fred, w.paula)
                .doesNotContain(w.bruno);
        assertThat(ids(ok("/api/users/search?q=" + w.prefix + "&limit=100", w.bruno)))
                .contains(w.fred)
                .doesNotContain(w.olivia);
        assertThat(ids(ok("/api/users/search?q=" + w.prefix + "&limit=100", w.sam)))
                .as("a private account can be found; only its posts and lists are closed")
                .contains(w.olivia, w.bruno);
    }

    @Test
    void homeTimelinesShowNoPostsOfUsersABlockStandsBetween() throws Exception {
        World w = new World();
        String fredsPost = newId();
        FIXTURES.post(fredsPost, w.fred, "by fred", List.of("m-fred"), T0.plusSeconds(30));
        // The timelines view has not caught up with the block yet: the entries are still there.
        FIXTURES.home(
                w.bruno,
                List.of(w.olivia, w.fred),
                List.of(
                        entry(fredsPost, w.fred, T0.plusSeconds(30)),
                        entry(w.secondPost, w.olivia, T0.plusSeconds(20)),
                        entry(w.firstPost, w.olivia, T0.plusSeconds(10))));
        FIXTURES.home(
                w.fred,
                List.of(w.olivia),
                List.of(
                        entry(w.secondPost, w.olivia, T0.plusSeconds(20)),
                        entry(w.firstPost, w.olivia, T0.plusSeconds(10))));
        FIXTURES.home(w.olivia, List.of(w.bruno), List.of(entry(w.brunosPost, w.bruno, T0.plusSeconds(25))));

        assertThat(ids(ok("/api/timeline", w.fred))).containsExactly(w.secondPost, w.firstPost);
        assertThat(ids(ok("/api/timeline?limit=1", w.bruno))).containsExactly(fredsPost);
        assertThat(ok("/api/timeline?limit=1", w.bruno).get("nextCursor").isNull())
                .as("the hidden entries do not make another page")
                .isTrue();
        assertThat(ids(ok("/api/timeline", w.olivia))).isEmpty();
    }

    @Test
    void theOwnerPagesTheirPendingFollowRequestsNewestFirst() throws Exception {
        World w = new World();
        FIXTURES.followRequest(w.sam, w.olivia, T0.plusSeconds(50));

        JsonNode first = ok("/api/users/me/follow-requests?limit=1", w.olivia);
        JsonNode second = ok(
                "/api/users/me/follow-requests?limit=1&cursor="
                        + first.get("nextCursor").asText(),
                w.olivia);

        assertThat(ids(first)).containsExactly(w.sam);
        assertThat(first.at("/items/0/username").asText()).isEqualTo(w.name(w.sam));
        assertThat(first.at("/items/0/requestedAt").asText())
                .isEqualTo(T0.plusSeconds(50).toString());
        assertThat(ids(second)).containsExactly(w.rita);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(ids(ok("/api/users/me/follow-requests", w.fred))).isEmpty();
        assertThat(ids(ok("/api/users/me/follow-requests", w.sam)))
                .as("a request is listed to its addressee, not its sender")
                .isEmpty();
    }

    @Test
    void theBlockerPagesTheUsersTheyBlockedAndOnlyThoseStillBlocked() throws Exception {
        World w = new World();
        FIXTURES.block(w.olivia, w.sam, T0.plusSeconds(60), false);

        JsonNode blocks = ok("/api/users/me/blocks", w.olivia);

        assertThat(ids(blocks)).containsExactly(w.bruno);
        assertThat(blocks.at("/items/0/username").asText()).isEqualTo(w.name(w.bruno));
        assertThat(blocks.at("/items/0/blockedAt").asText())
                .isEqualTo(T0.plusSeconds(40).toString());
        assertThat(ids(ok("/api/users/me/blocks", w.bruno))).isEmpty();
    }

    @Test
    void newListsRejectBadPagesAndAnonymousCalls() throws Exception {
        World w = new World();

        assertProblem(get("/api/users/me/follow-requests?limit=0", w.olivia), 400, "VALIDATION_FAILED");
        assertProblem(get("/api/users/me/blocks?cursor=%40%40", w.olivia), 400, "INVALID_CURSOR");
        assertProblem(getAnonymously("/api/users/me/blocks"), 401, "UNAUTHORIZED");
        assertProblem(getAnonymously("/api/users/" + w.paula), 401, "UNAUTHORIZED");
    }

    @Test
    void privacyChecksCostTheSameFewQueriesWhateverThePageSize() throws Exception {
        World w = new World();
        for (int i = 0; i < 12; i++) {
            String author = newId();
            FIXTURES.user(author, w.prefix + "many" + i);
            if (i % 2 == 0) {
                FIXTURES.privateAccount(author, true);
            }
            if (i % 4 == 0) {
                FIXTURES.follow(w.sam, author, T0, true);
            }
            FIXTURES.taggedPost(
                    newId(), author, "#many" + w.tag, List.of("many" + w.tag), List.of(), T0.plusSeconds(i), false);
        }

        int small = findsDuring(() -> ok("/api/tags/many" + w.tag + "/posts?limit=2", w.sam));
        int large = findsDuring(() -> ok("/api/tags/many" + w.tag + "/posts?limit=12", w.sam));

        // blocks, tagged posts, private accounts, the caller's follows of them, authors, the caller's likes
        assertThat(small).isEqualTo(6);
        assertThat(large).isEqualTo(6);
        assertThat(ids(ok("/api/tags/many" + w.tag + "/posts?limit=12", w.sam))).hasSize(9);
    }

    /** The users, posts, comments and likes every test starts from, with fresh ids. */
    private static final class World {

        final String prefix =
                "pv" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        final String tag = prefix.substring(2);
        final String olivia = user("olivia");
        final String fred = user("fred");
        final String rita = user("rita");
        final String sam = user("sam");
        final String bruno = user("bruno");
        final String paula = user("paula");
        final String firstPost = newId();
        final String secondPost = newId();
        final String paulasPost = newId();
        final String brunosPost = newId();
        final String fredsComment = newId();
        final String brunosComment = newId();

        World() {
            FIXTURES.user(olivia, name(olivia), "Olivia", null, 1, 1, 2);
            FIXTURES.privateAccount(olivia, true);
            FIXTURES.privateAccount(paula, false);
            FIXTURES.follow(fred, olivia, T0, true);
            FIXTURES.follow(olivia, paula, T0, true);
            FIXTURES.followRequest(rita, olivia, T0.plusSeconds(1));
            FIXTURES.taggedPost(
                    firstPost, olivia, "#hidden" + tag, List.of("hidden" + tag), List.of(), T0.plusSeconds(10), false);
            FIXTURES.taggedPost(secondPost, olivia, "second", List.of(), List.of(), T0.plusSeconds(20), false);
            FIXTURES.authorTimeline(
                    olivia,
                    List.of(
                            entry(secondPost, olivia, T0.plusSeconds(20)),
                            entry(firstPost, olivia, T0.plusSeconds(10))));
            FIXTURES.taggedPost(
                    paulasPost, paula, "#hidden" + tag, List.of("hidden" + tag), List.of(), T0.plusSeconds(30), false);
            FIXTURES.authorTimeline(paula, List.of(entry(paulasPost, paula, T0.plusSeconds(30))));
            FIXTURES.taggedPost(
                    brunosPost, bruno, "#hidden" + tag, List.of("hidden" + tag), List.of(), T0.plusSeconds(25), false);
            FIXTURES.comment(brunosComment, firstPost, bruno, "before the block", T0.plusSeconds(11), false);
            FIXTURES.comment(fredsComment, firstPost, fred, "lovely", T0.plusSeconds(12), false);
            FIXTURES.like(firstPost, fred, true, T0.plusSeconds(13));
            FIXTURES.like(firstPost, bruno, true, T0.plusSeconds(14));
            FIXTURES.block(olivia, bruno, T0.plusSeconds(40), true);
            FIXTURES.block(paula, bruno, T0.plusSeconds(41), true);
        }

        String name(String userId) {
            return prefix + userId.substring(0, 8);
        }

        private String user(String role) {
            String id = newId();
            if (!role.equals("olivia")) {
                FIXTURES.user(id, prefix + id.substring(0, 8), role, null, 0, 0, 0);
            }
            return id;
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private int findsDuring(Call call) throws Exception {
        int before = FINDS.get();
        call.run();
        return FINDS.get() - before;
    }

    /** Counts the {@code find} commands for read-model documents (view_state reads come and go with timing). */
    @TestConfiguration(proxyBeanMethods = false)
    static class QueryCounting {

        @Bean
        MongoClientSettingsBuilderCustomizer countFinds() {
            return settings -> settings.addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if ("find".equals(event.getCommandName())
                            && !"view_state"
                                    .equals(event.getCommand().getString("find").getValue())) {
                        FINDS.incrementAndGet();
                    }
                }
            });
        }
    }

    private record Answer(int status, String contentType, JsonNode body) {}

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private JsonNode ok(String path, String userId) throws Exception {
        Answer answer = get(path, userId);
        assertThat(answer.status())
                .as("GET %s answered %s", path, answer.body())
                .isEqualTo(200);
        return answer.body();
    }

    private Answer get(String path, String userId) throws Exception {
        return send(path, KEYS.token(userId, "user-" + userId.substring(0, 8), Set.of("user"), Duration.ofMinutes(5)));
    }

    private Answer getAnonymously(String path) throws Exception {
        return send(path, null);
    }

    private Answer send(String path, String token) throws Exception {
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
        assertThat(answer.body().get("code").asText()).isEqualTo(code);
    }
}
