package dev.shutter.projections.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.projections.support.ItInfrastructure;
import dev.shutter.projections.support.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An account with many followers through the live consumer: every follow and post goes to the broker as the relay
 * sends it, and the views grow by one document per follower, none of them large. The number of followers is {@code
 * -Dshutter.scale.followers} (2,000 by default: about 100 s on a shared two-core machine, where the live consumer applied some 40 events a second). The fan-out threshold is raised above it, so
 * every post is written into every follower's home timeline rather than merged in at read time. MongoDB is devstack's
 * in-process store, which uses the views' secondary indexes as MongoDB does.
 */
@SpringBootTest(properties = {"spring.config.name=projections", "shutter.timelines.fan-out-threshold=100000000"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyFollowersIT {

    private static final int FOLLOWERS = Integer.getInteger("shutter.scale.followers", 2_000);
    private static final int POSTS = 3;
    private static final int MAX_DOCUMENT_BYTES = 64 * 1024;
    private static final List<String> VIEWS = List.of("profiles", "social", "posts", "timelines");
    private static final ItInfrastructure INFRA = new ItInfrastructure();

    private final RabbitTemplate rabbit;
    private final ObjectMapper objectMapper;
    private final MongoClient client =
            MongoClients.create(TestInfrastructure.mongo().uri());
    private long globalIndex;

    ManyFollowersIT(@Autowired RabbitTemplate rabbit, @Autowired ObjectMapper objectMapper) {
        this.rabbit = rabbit;
        this.objectMapper = objectMapper;
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry);
        registry.add("spring.data.mongodb.uri", () -> TestInfrastructure.mongo().uri());
    }

    @AfterAll
    void removeBrokerObjectsAndViews(@Autowired ApplicationContext context) {
        INFRA.removeBrokerObjects(context);
        VIEWS.forEach(view -> client.getDatabase(view).drop());
        client.close();
    }

    @Test
    void everyPostOfAnAccountWithManyFollowersReachesEveryFollowerAndNoDocumentGrowsLarge() {
        String author = UUID.randomUUID().toString();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        publish("User", author, 0, new UserRegistered(author, "star", "star@shutter.test", "Star", start));
        List<String> followers = new ArrayList<>();
        long began = System.nanoTime();
        for (int i = 0; i < FOLLOWERS; i++) {
            String follower = UUID.randomUUID().toString();
            followers.add(follower);
            publish("User", follower, 0, new UserRegistered(follower, "fan" + i, null, "Fan", start.plusMillis(i)));
            String followId = follower + ":" + author;
            publish("Follow", followId, 0, new UserFollowed(followId, follower, author, start.plusMillis(i)));
        }
        MongoTemplate profiles = view("profiles");
        MongoTemplate social = view("social");
        MongoTemplate timelines = view("timelines");
        await().atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    Document profile = profiles.findById(author, Document.class, "users_g1");
                    return profile != null && Long.valueOf(FOLLOWERS).equals(profile.get("followerCount"));
                });
        double followSeconds = (System.nanoTime() - began) / 1e9;

        List<String> posts = new ArrayList<>();
        long fanOutBegan = System.nanoTime();
        for (int p = 0; p < POSTS; p++) {
            String postId = UUID.randomUUID().toString();
            posts.add(postId);
            publish(
                    "Post",
                    postId,
                    0,
                    new PostPublished(postId, author, "post " + p, List.of("photo-" + p), start.plusSeconds(3600 + p)));
        }
        List<String> newestFirst = new ArrayList<>(posts);
        Collections.reverse(newestFirst);
        await().atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> homesHoldingEveryPost(timelines, posts) == FOLLOWERS);
        double fanOutSeconds = (System.nanoTime() - fanOutBegan) / 1e9;
        System.out.printf(
                "%,d followers: %,d follow events applied in %.1f s (%.0f events/s); %d posts fanned out in %.1f s%n",
                FOLLOWERS, 2 * FOLLOWERS, followSeconds, 2 * FOLLOWERS / followSeconds, POSTS, fanOutSeconds);

        assertThat(social.count(
                        query(where("followeeId").is(author).and("active").is(true)), "follows_g1"))
                .isEqualTo(FOLLOWERS);
        assertThat(followerIds(social, "follows_g1", author)).isEqualTo(Set.copyOf(followers));
        assertThat(followerIds(timelines, "followerEdges_g1", author)).isEqualTo(Set.copyOf(followers));
        Map<String, List<String>> homes = homes(timelines);
        assertThat(followers).allSatisfy(follower -> assertThat(homes.get(follower))
                .as("home timeline of %s", follower)
                .containsExactlyElementsOf(newestFirst));
        assertThat(largestDocuments()).allSatisfy((collection, bytes) -> assertThat(bytes)
                .as("largest document of %s", collection)
                .isLessThanOrEqualTo(MAX_DOCUMENT_BYTES));
    }

    /** How many home timelines hold every one of the posts. */
    private long homesHoldingEveryPost(MongoTemplate timelines, List<String> posts) {
        return homes(timelines).values().stream()
                .filter(home -> home.containsAll(posts))
                .count();
    }

    /** Every home timeline, as its post ids newest first: head, tail and arrivals together. */
    private static Map<String, List<String>> homes(MongoTemplate timelines) {
        Map<String, List<Document>> entries = new HashMap<>();
        for (String part : List.of("homes_g1", "homeTails_g1")) {
            for (Document document : timelines.findAll(Document.class, part)) {
                entries.computeIfAbsent(document.getString("_id"), owner -> new ArrayList<>())
                        .addAll(document.getList("entries", Document.class, List.of()));
            }
        }
        for (Document arrival : timelines.findAll(Document.class, "homeArrivals_g1")) {
            entries.computeIfAbsent(arrival.getString("o"), owner -> new ArrayList<>())
                    .add(arrival);
        }
        Map<String, List<String>> homes = new HashMap<>();
        entries.forEach((owner, list) -> homes.put(
                owner,
                list.stream()
                        .sorted((a, b) -> {
                            int byTime = b.getDate("t").compareTo(a.getDate("t"));
                            return byTime != 0 ? byTime : b.getString("p").compareTo(a.getString("p"));
                        })
                        .map(entry -> entry.getString("p"))
                        .toList()));
        return homes;
    }

    private static Set<String> followerIds(MongoTemplate view, String collection, String followee) {
        Set<String> ids = new HashSet<>();
        view.find(query(where("followeeId").is(followee)), Document.class, collection)
                .forEach(edge -> ids.add(edge.getString("followerId")));
        return ids;
    }

    /** The BSON size of the largest document of every collection of the views, by "database.collection". */
    private Map<String, Integer> largestDocuments() {
        Map<String, Integer> largest = new HashMap<>();
        for (String name : VIEWS) {
            var database = client.getDatabase(name);
            for (String collection : database.listCollectionNames()) {
                int max = 0;
                for (RawBsonDocument document : database.getCollection(collection, RawBsonDocument.class)
                        .find()) {
                    max = Math.max(max, document.getByteBuffer().remaining());
                }
                largest.put(name + "." + collection, max);
            }
        }
        System.out.println("Largest document per collection (bytes): " + largest);
        return largest;
    }

    private MongoTemplate view(String name) {
        return new MongoTemplate(client, name);
    }

    private void publish(String type, String aggregateId, long sequence, Record payload) {
        StoredEvent event = StoredEvent.of(++globalIndex, type, aggregateId, sequence, payload);
        rabbit.send(INFRA.exchange(), event.routingKey(), event.message(objectMapper));
    }
}
