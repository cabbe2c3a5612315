package dev.shutter.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
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
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Home timelines over HTTP from documents laid out as the timelines projection writes them: entries fanned out on
 * write up to a horizon, accounts merged at read time, users who were away. Pages must hold exactly the posts of the
 * followed accounts, newest first, without gaps or duplicates, in a bounded number of queries.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=query-side",
            "shutter.media.base-url=https://media.shutter.test",
            // Each test marks its own merged accounts: read them on every page.
            "shutter.query.merged-accounts-max-age=0s"
        })
class TimelineIT {

    private static final MongoServer MONGO_SERVER = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO_SERVER.bindAndGetConnectionString();
    private static final MongoClient MONGO = MongoClients.create(MONGO_URI);
    private static final JwtKeys KEYS = TestInfrastructure.jwtKeys();
    private static final AtomicInteger FINDS = new AtomicInteger();
    /** Documents the timelines view's posts answered the application with, every find and getMore counted. */
    private static final AtomicLong POSTS_READ = new AtomicLong();
    /** The most follow edges one answer of the timelines view held. */
    private static final AtomicInteger LARGEST_EDGES_ANSWER = new AtomicInteger();

    private static final Instant T0 =
            Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(2));

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
    void pagesContinueBelowTheHorizonFromTheFollowedAccountsWithoutGapsOrDuplicates() throws Exception {
        String owner = newId();
        String alice = author("alice");
        String carol = author("carol");
        List<Post> alicePosts = posts(alice, 0, 2, 4, 6, 8);
        List<Post> carolPosts = posts(carol, 1, 3, 5, 7, 9);
        authorTimeline(alice, alicePosts);
        authorTimeline(carol, carolPosts);
        // Only the four newest were kept: the fifth is the horizon, and older pages come from the authors' timelines.
        List<Post> all = newestFirst(alicePosts, carolPosts);
        home(owner, all.subList(0, 4), all.get(4), null, List.of(alice, carol));

        assertThat(everyPageOf(owner))
                .containsExactlyElementsOf(all.stream().map(Post::id).toList());
    }

    @Test
    void pagesRunThroughArrivalsHeadAndTailAndBelowTheHorizonWithoutGapsOrDuplicates() throws Exception {
        String owner = newId();
        String alice = author("alice");
        String carol = author("carol");
        List<Post> alicePosts = posts(alice, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
        List<Post> carolPosts = posts(carol, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19);
        authorTimeline(alice, alicePosts);
        authorTimeline(carol, carolPosts);
        // The two newest and one late post waiting as arrivals, the next newest in the head, then the tail, the rest
        // below the horizon.
        List<Post> all = newestFirst(alicePosts, carolPosts);
        List<Post> head = new ArrayList<>(all.subList(2, 6));
        Post late = head.remove(1);
        home(owner, head, all.get(12), null, List.of(alice, carol));
        tail(owner, all.subList(6, 12));
        arrivals(owner, List.of(all.get(1), late, all.get(0)));

        assertThat(everyPageOf(owner))
                .containsExactlyElementsOf(all.stream().map(Post::id).toList());
    }

    @Test
    void postsOfAnAccountMergedAtReadTimeAppearInOrderAmongTheFannedOutOnes() throws Exception {
        String owner = newId();
        String alice = author("alice");
        String star = author("star");
        List<Post> alicePosts = posts(alice, 0, 2, 4);
        List<Post> starPosts = posts(star, 1, 3, 5);
        authorTimeline(alice, alicePosts);
        authorTimeline(star, starPosts);
        merged(star);
        // A home entry of the star from before it crossed the threshold is not shown twice.
        home(owner, newestFirst(alicePosts, starPosts.subList(0, 1)), null, null, List.of(alice, star));

        JsonNode first = ok("/api/timeline?limit=4", owner);
        JsonNode second =
                ok("/api/timeline?limit=4&cursor=" + first.get("nextCursor").asText(), owner);

        List<String> expected =
                newestFirst(alicePosts, starPosts).stream().map(Post::id).toList();
        assertThat(ids(first)).containsExactlyElementsOf(expected.subList(0, 4));
        assertThat(ids(second)).containsExactlyElementsOf(expected.subList(4, 6));
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void aUserBackFromAwaySeesWhatWasNotFannedOutToThem() throws Exception {
        String owner = newId();
        String alice = author("alice");
        List<Post> alicePosts = posts(alice, 0, 10, 20);
        authorTimeline(alice, alicePosts);
        // Active until just after the first post: the later ones were not fanned out to the owner.
        home(owner, alicePosts.subList(0, 1), null, T0.plusSeconds(5), List.of(alice));

        assertThat(ids(ok("/api/timeline", owner)))
                .containsExactlyElementsOf(
                        newestFirst(alicePosts).stream().map(Post::id).toList());
    }

    @Test
    void aMergedPageTakesTheSameFewQueriesWhateverItsSize() throws Exception {
        String owner = newId();
        String star = author("star");
        List<String> following = new ArrayList<>(List.of(star));
        List<Post> fannedOut = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String followee = author("f" + i);
            following.add(followee);
            List<Post> own = posts(followee, 2 * i);
            authorTimeline(followee, own);
            fannedOut.addAll(own);
        }
        List<Post> starPosts = posts(star, 1, 3, 5, 7, 9, 11);
        authorTimeline(star, starPosts);
        merged(star);
        home(owner, newestFirst(fannedOut), null, null, following);

        int small = findsDuring(() -> ok("/api/timeline?limit=2", owner));
        int large = findsDuring(() -> ok("/api/timeline?limit=12", owner));

        // the caller's blocks, the home, its arrivals, the merged accounts, which of them the caller follows, their
        // timelines; then the posts, their authors, the caller's likes
        assertThat(small).isEqualTo(9);
        assertThat(large).isEqualTo(9);
        assertThat(ids(ok("/api/timeline?limit=12", owner)))
                .containsExactlyElementsOf(newestFirst(fannedOut, starPosts).stream()
                        .limit(12)
                        .map(Post::id)
                        .toList());
    }

    @Test
    void pagesAUsersOwnPostsFromTheirTimeline() throws Exception {
        String alice = author("alice");
        List<Post> alicePosts = posts(alice, 0, 1, 2);
        authorTimeline(alice, alicePosts);

        JsonNode first = ok("/api/users/" + alice + "/posts?limit=2", newId());
        JsonNode second = ok(
                "/api/users/" + alice + "/posts?limit=2&cursor="
                        + first.get("nextCursor").asText(),
                newId());

        List<String> expected = newestFirst(alicePosts).stream().map(Post::id).toList();
        assertThat(ids(first)).containsExactlyElementsOf(expected.subList(0, 2));
        assertThat(ids(second)).containsExactlyElementsOf(expected.subList(2, 3));
    }

    @Test
    void aProlificAuthorsProfileReadsOnlyAPageOfTheirPosts() throws Exception {
        String author = author("prolific");
        List<Post> all = newestFirst(manyPosts(author, 3_000));

        long before = POSTS_READ.get();
        JsonNode first = ok("/api/users/" + author + "/posts?limit=20", newId());
        long readByFirst = POSTS_READ.get() - before;
        before = POSTS_READ.get();
        JsonNode second = ok(
                "/api/users/" + author + "/posts?limit=20&cursor="
                        + first.get("nextCursor").asText(),
                newId());
        long readBySecond = POSTS_READ.get() - before;

        List<String> expected = all.stream().map(Post::id).toList();
        assertThat(ids(first)).containsExactlyElementsOf(expected.subList(0, 20));
        assertThat(ids(second)).containsExactlyElementsOf(expected.subList(20, 40));
        assertThat(readByFirst).isEqualTo(21);
        assertThat(readBySecond).isEqualTo(21);
    }

    @Test
    void aFollowersPageBelowTheHorizonReadsOnlyAPageOfAProlificAuthorsPosts() throws Exception {
        String owner = newId();
        String author = author("prolific");
        List<Post> all = newestFirst(manyPosts(author, 3_000));
        // The home kept the 100 newest; everything older is read from the author's posts.
        home(owner, all.subList(0, 100), all.get(100), null, List.of(author));
        JsonNode kept = ok("/api/timeline?limit=100", owner);

        long before = POSTS_READ.get();
        JsonNode below =
                ok("/api/timeline?limit=10&cursor=" + kept.get("nextCursor").asText(), owner);
        long read = POSTS_READ.get() - before;

        assertThat(ids(below))
                .containsExactlyElementsOf(
                        all.subList(100, 110).stream().map(Post::id).toList());
        assertThat(read).isEqualTo(11);
    }

    @Test
    void aUserFollowingThousandsOfAccountsAndBlockingAThousandReadsTheirHomeInBoundedReads() throws Exception {
        String owner = newId();
        List<String> accounts = new ArrayList<>();
        List<Post> visible = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            String account = author("a" + i);
            accounts.add(account);
            boolean blocked = i >= 2_000;
            if (blocked) {
                // The social view has the block; the timelines view has not taken the follow out yet.
                socialBlock(owner, account);
            }
            if (i % 10 == 0) {
                List<Post> own = posts(account, i);
                authorTimeline(account, own);
                if (!blocked) {
                    visible.addAll(own);
                }
            }
        }
        // The home kept the five newest visible posts; everything older is read from the accounts followed.
        List<Post> all = newestFirst(visible);
        home(owner, all.subList(0, 5), all.get(5), null, accounts);
        LARGEST_EDGES_ANSWER.set(0);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = ok("/api/timeline?limit=50" + (cursor == null ? "" : "&cursor=" + cursor), owner);
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(all.stream().map(Post::id).toList());
        // The accounts followed are read a hundred at a time, never all at once.
        assertThat(LARGEST_EDGES_ANSWER.get()).isBetween(1, 100);
    }

    private record Post(String id, String authorId, Instant at) {}

    private static final Comparator<Post> NEWEST_FIRST =
            Comparator.comparing(Post::at).thenComparing(Post::id).reversed();

    @SafeVarargs
    private static List<Post> newestFirst(List<Post>... lists) {
        return java.util.Arrays.stream(lists)
                .flatMap(List::stream)
                .sorted(NEWEST_FIRST)
                .toList();
    }

    /** A user in the profiles view; answers the id. */
    private static String author(String name) {
        String id = newId();
        MONGO.getDatabase("profiles")
                .getCollection("users_g1")
                .insertOne(new Document("_id", id)
                        .append("username", name + "_" + id.substring(0, 8))
                        .append("usernameLower", name + "_" + id.substring(0, 8))
                        .append("displayName", name)
                        .append("followerCount", 0L)
                        .append("followingCount", 0L)
                        .append("postCount", 0L));
        return id;
    }

    /** Posts in the posts view, at T0 plus the given seconds. */
    private static List<Post> posts(String authorId, int... seconds) {
        List<Post> posts = new ArrayList<>();
        for (int second : seconds) {
            Post post = new Post(newId(), authorId, T0.plusSeconds(second));
            MONGO.getDatabase("posts")
                    .getCollection("posts_g1")
                    .insertOne(new Document("_id", post.id())
                            .append("authorId", authorId)
                            .append("caption", "at " + second)
                            .append("mediaIds", List.of("m-" + post.id()))
                            .append("createdAt", Date.from(post.at()))
                            .append("deleted", false)
                            .append("likeCount", 0L)
                            .append("commentCount", 0L));
            posts.add(post);
        }
        return posts;
    }

    /**
     * Many posts of one author a minute apart, before T0 (older than every other test's), in the posts view and in the
     * timelines view's posts as the projections write them.
     */
    private static List<Post> manyPosts(String authorId, int count) {
        List<Post> posts = new ArrayList<>();
        List<Document> views = new ArrayList<>();
        List<Document> timeline = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Post post = new Post(newId(), authorId, T0.minus(Duration.ofMinutes(count - i)));
            posts.add(post);
            views.add(new Document("_id", post.id())
                    .append("authorId", authorId)
                    .append("caption", "post " + i)
                    .append("mediaIds", List.of("m-" + post.id()))
                    .append("createdAt", Date.from(post.at()))
                    .append("deleted", false)
                    .append("likeCount", 0L)
                    .append("commentCount", 0L));
            timeline.add(new Document("_id", post.id())
                    .append("authorId", authorId)
                    .append("createdAt", Date.from(post.at()))
                    .append("deleted", false)
                    .append("seq", 0L));
        }
        MONGO.getDatabase("posts").getCollection("posts_g1").insertMany(views);
        timelines("posts").insertMany(timeline);
        return posts;
    }

    /** The post ids of the owner's home timeline, read in pages of 3 by following each page's cursor. */
    private List<String> everyPageOf(String owner) throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = ok("/api/timeline?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), owner);
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
        } while (cursor != null);
        return seen;
    }

    /** The author's posts in the timelines view, one {@code posts} document each, as the projection keeps them. */
    private static void authorTimeline(String authorId, List<Post> posts) {
        for (Post post : posts) {
            timelines("posts")
                    .replaceOne(
                            Filters.eq("_id", post.id()),
                            new Document("_id", post.id())
                                    .append("authorId", authorId)
                                    .append("createdAt", Date.from(post.at()))
                                    .append("deleted", false)
                                    .append("seq", 0L),
                            new ReplaceOptions().upsert(true));
        }
    }

    /** An active block in the social view, which the query side reads to hide users from each other. */
    private static void socialBlock(String blockerId, String blockedId) {
        MONGO.getDatabase("social")
                .getCollection("blocks_g1")
                .insertOne(new Document("_id", blockerId + ">" + blockedId)
                        .append("blockerId", blockerId)
                        .append("blockedId", blockedId)
                        .append("active", true)
                        .append("since", Date.from(T0))
                        .append("seq", 0L));
    }

    private static void merged(String accountId) {
        timelines("merged")
                .replaceOne(
                        Filters.eq("_id", accountId),
                        new Document("_id", accountId),
                        new ReplaceOptions().upsert(true));
    }

    private static void home(
            String owner, List<Post> entries, Post horizon, Instant activeUntil, List<String> following) {
        Document home = new Document("_id", owner)
                .append(
                        "entries",
                        entries.stream()
                                .map(post -> key(post).append("a", post.authorId()))
                                .toList())
                .append("n", entries.size());
        if (horizon != null) {
            home.append("horizon", key(horizon));
        }
        if (activeUntil != null) {
            home.append("activeUntil", Date.from(activeUntil));
        }
        timelines("homes").insertOne(home);
        // The accounts followed: one edge each, as the projection keeps them.
        if (!following.isEmpty()) {
            timelines("followerEdges")
                    .insertMany(following.stream()
                            .map(followee -> new Document("_id", followee + "/" + owner)
                                    .append("followeeId", followee)
                                    .append("followerId", owner))
                            .toList());
        }
    }

    /** The older entries of a home timeline, in its {@code homeTails} document; the head then says it has a tail. */
    private static void tail(String owner, List<Post> entries) {
        timelines("homeTails")
                .insertOne(new Document("_id", owner)
                        .append(
                                "entries",
                                entries.stream()
                                        .map(post -> key(post).append("a", post.authorId()))
                                        .toList()));
        timelines("homes")
                .updateOne(Filters.eq("_id", owner), new Document("$set", new Document("tn", entries.size())));
    }

    /** Entries fanned out since the home was last folded, one {@code homeArrivals} document each. */
    private static void arrivals(String owner, List<Post> entries) {
        timelines("homeArrivals")
                .insertMany(entries.stream()
                        .map(post -> new Document("_id", owner + "/" + post.id())
                                .append("o", owner)
                                .append("p", post.id())
                                .append("a", post.authorId())
                                .append("t", Date.from(post.at())))
                        .toList());
    }

    private static Document key(Post post) {
        return new Document("p", post.id()).append("t", Date.from(post.at()));
    }

    private static com.mongodb.client.MongoCollection<Document> timelines(String collection) {
        return MONGO.getDatabase("timelines").getCollection(collection + "_g1");
    }

    private interface Call {
        void run() throws Exception;
    }

    private int findsDuring(Call call) throws Exception {
        int before = FINDS.get();
        call.run();
        return FINDS.get() - before;
    }

    /** Counts the {@code find} commands for read-model documents the application's own MongoDB client sends. */
    @TestConfiguration(proxyBeanMethods = false)
    static class QueryCounting {

        @Bean
        MongoClientSettingsBuilderCustomizer countFinds() {
            return settings -> settings.addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    // view_state reads are cached for a moment and so come and go with timing: not counted.
                    if ("find".equals(event.getCommandName())
                            && !"view_state"
                                    .equals(event.getCommand().getString("find").getValue())) {
                        FINDS.incrementAndGet();
                    }
                }

                @Override
                public void commandSucceeded(CommandSucceededEvent event) {
                    if (event.getResponse().get("cursor") instanceof BsonDocument cursor
                            && cursor.getString("ns").getValue().equals("timelines.followerEdges_g1")) {
                        for (String batch : List.of("firstBatch", "nextBatch")) {
                            if (cursor.get(batch) instanceof BsonArray documents) {
                                LARGEST_EDGES_ANSWER.accumulateAndGet(documents.size(), Math::max);
                            }
                        }
                    }
                    if (event.getResponse().get("cursor") instanceof BsonDocument cursor
                            && cursor.getString("ns").getValue().equals("timelines.posts_g1")) {
                        for (String batch : List.of("firstBatch", "nextBatch")) {
                            if (cursor.get(batch) instanceof BsonArray documents) {
                                POSTS_READ.addAndGet(documents.size());
                            }
                        }
                    }
                }
            });
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private JsonNode ok(String path, String userId) throws Exception {
        String token = KEYS.token(userId, "user-" + userId.substring(0, 8), Set.of("user"), Duration.ofMinutes(5));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s answered %s", path, response.body())
                .isEqualTo(200);
        return json.readTree(response.body());
    }
}
