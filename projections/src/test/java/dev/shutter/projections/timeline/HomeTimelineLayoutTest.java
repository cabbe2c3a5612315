package dev.shutter.projections.timeline;

import static dev.shutter.projections.support.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.projections.support.HomeTimeline;
import dev.shutter.projections.support.InMemoryMongo;
import dev.shutter.projections.view.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A home timeline large enough to be split into arrivals, a head and a tail ({@code homeArrivals}, {@code homes} and
 * {@code homeTails}): whatever arrives, in whatever order, the three together hold exactly the followed accounts' posts
 * above the horizon, each once, the head's entries all newer than the tail's, and no more than the cap.
 */
class HomeTimelineLayoutTest {

    /**
     * A cap of 40 makes a head of at most 5 entries (left with room for 2 when written whole) into which every 2 or 3
     * arrivals are folded, and a tail of at most 33.
     */
    private static final int CAP = 40;

    private static final int HEAD_CAP = 5;
    private static final int FOLD_AT = 2;
    private static final int POSTS_ON_FOLLOW = 12;
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private MongoTemplate template;
    private TimelineProjection projection;

    @BeforeEach
    void freshDatabase() {
        mongo.dropDatabase("timelines");
        template = mongo.template("timelines");
        projection = new TimelineProjection(
                template, new TimelineSettings(CAP, 1_000, Duration.ofDays(36_500), POSTS_ON_FOLLOW));
        projection.createIndexes(1);
    }

    @Test
    void aLongRunOfPostsKeepsTheNewestUpToTheCapAcrossHeadAndTail() {
        apply(envelope("bob:alice", 0, new UserFollowed("bob:alice", "bob", "alice", T0)));

        for (int i = 0; i < 100; i++) {
            publish(String.format("p%03d", i), "alice", T0.plusSeconds(60L * (i + 1)));
        }

        // Head and tail hold up to 38 (two arrivals may be waiting); written whole, the head keeps 3 of them.
        List<String> kept = ids(timeline("bob"));
        assertThat(kept.size()).isBetween(CAP - HEAD_CAP, CAP);
        List<String> newest = new ArrayList<>();
        for (int i = 99; i >= 100 - kept.size(); i--) {
            newest.add(String.format("p%03d", i));
        }
        assertThat(kept).containsExactlyElementsOf(newest);
        assertThat(head("bob").getList("entries", Document.class)).hasSizeLessThanOrEqualTo(HEAD_CAP);
        assertThat(TimelineKey.orNull(head("bob").get("horizon")).postId())
                .isEqualTo(String.format("p%03d", 99 - kept.size()));
    }

    @Test
    void aPostOlderThanTheWholeHeadTakesItsPlaceInTheTail() {
        apply(envelope("bob:alice", 0, new UserFollowed("bob:alice", "bob", "alice", T0)));
        for (int i = 0; i < 20; i++) {
            publish(String.format("p%03d", i), "alice", T0.plusSeconds(60L * (i + 10)));
        }

        publish("late", "alice", T0.plusSeconds(60L * 12 + 30));
        for (int i = 20; i < 23; i++) {
            publish(String.format("p%03d", i), "alice", T0.plusSeconds(60L * (i + 10)));
        }

        List<String> ids = ids(timeline("bob"));
        assertThat(ids).hasSize(24);
        assertThat(ids.subList(18, 24)).containsExactly("p004", "p003", "late", "p002", "p001", "p000");
        assertThat(ids(tail("bob"))).contains("late");
        assertThat(template.count(query(where("o").is("bob")), "homeArrivals_g1"))
                .isLessThan(2L * FOLD_AT - 1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void anyMixOfPostsFollowsUnfollowsAndDeletionsKeepsExactlyTheFollowedPostsAboveTheHorizon(long seed) {
        Random random = new Random(seed);
        List<String> owners = List.of("o0", "o1", "o2", "o3");
        List<String> authors = List.of("a0", "a1", "a2");
        Map<String, Long> edgeSequences = new HashMap<>();
        Set<String> following = new TreeSet<>();
        Map<String, Post> posts = new HashMap<>();
        Instant now = T0;
        for (int step = 0; step < 500; step++) {
            double dice = random.nextDouble();
            String owner = owners.get(random.nextInt(owners.size()));
            String author = authors.get(random.nextInt(authors.size()));
            String edge = owner + ":" + author;
            List<Post> standing =
                    posts.values().stream().filter(post -> !post.deleted).toList();
            if (dice < 0.6) {
                now = now.plusSeconds(60);
                // Now and then a post arrives late, below some of what is already there.
                Instant at = random.nextDouble() < 0.15 ? now.minusSeconds(60L * random.nextInt(120)) : now;
                String postId = String.format("p%04d", step);
                posts.put(postId, new Post(postId, author, at));
                publish(postId, author, at);
            } else if (dice < 0.72 && !following.contains(edge)) {
                long sequence = edgeSequences.merge(edge, 1L, Long::sum) - 1;
                apply(envelope(edge, sequence, new UserFollowed(edge, owner, author, now)));
                following.add(edge);
            } else if (dice < 0.8 && following.contains(edge)) {
                long sequence = edgeSequences.merge(edge, 1L, Long::sum) - 1;
                apply(envelope(edge, sequence, new UserUnfollowed(edge, owner, author, now)));
                following.remove(edge);
            } else if (dice < 0.9 && !standing.isEmpty()) {
                Post post = standing.get(random.nextInt(standing.size()));
                post.deleted = true;
                apply(envelope(post.id, 1, new PostDeleted(post.id, post.authorId, now)));
            } else if (!standing.isEmpty()) {
                // Redelivered after the process died half-way through its fan-out.
                Post post = standing.get(random.nextInt(standing.size()));
                template.updateFirst(query(where("_id").is(post.id)), new Update().unset("fanned"), "posts_g1");
                publish(post.id, post.authorId, post.at);
            }
            for (String each : owners) {
                assertLaidOut(each, following, posts.values(), "seed " + seed + ", step " + step);
            }
        }
    }

    private void assertLaidOut(String owner, Set<String> following, Iterable<Post> posts, String when) {
        Document head = head(owner);
        if (head == null) {
            return;
        }
        List<Document> headEntries = head.getList("entries", Document.class, List.of());
        List<Document> tailEntries = tail(owner);
        List<Document> headThenTail = new ArrayList<>(headEntries);
        headThenTail.addAll(tailEntries);
        for (int i = 1; i < headThenTail.size(); i++) {
            assertThat(TimelineKey.of(headThenTail.get(i - 1)).compareTo(TimelineKey.of(headThenTail.get(i))))
                    .as("%s: %s newest first, head before tail", when, owner)
                    .isPositive();
        }
        List<Document> all = timeline(owner);
        assertThat(ids(all)).as("%s: %s each entry once", when, owner).doesNotHaveDuplicates();
        assertThat(all).as(when).hasSizeLessThanOrEqualTo(CAP);
        assertThat(headEntries).as(when).hasSizeLessThanOrEqualTo(HEAD_CAP);
        assertThat(all.size() - headThenTail.size())
                .as("%s: %s arrivals waiting", when, owner)
                .isLessThan(2 * FOLD_AT - 1);
        if (head.get("n") instanceof Number n) {
            assertThat(n.intValue()).as("%s: %s head count", when, owner).isEqualTo(headEntries.size());
        }
        if (!tailEntries.isEmpty()) {
            assertThat(head.get("tn", Number.class))
                    .as("%s: %s tail count", when, owner)
                    .isNotNull();
            assertThat(head.get("tn", Number.class).intValue()).as(when).isGreaterThanOrEqualTo(tailEntries.size());
        }
        TimelineKey horizon = TimelineKey.orNull(head.get("horizon"));
        List<String> expected = new ArrayList<>();
        for (Post post : posts) {
            TimelineKey key = new TimelineKey(Date.from(post.at), post.id);
            if (!post.deleted && following.contains(owner + ":" + post.authorId) && key.after(horizon)) {
                expected.add(post.id);
            }
        }
        assertThat(ids(all))
                .as("%s: %s above its horizon %s", when, owner, horizon)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private void publish(String postId, String authorId, Instant at) {
        apply(envelope(postId, 0, new PostPublished(postId, authorId, "caption", List.of("m-" + postId), at)));
    }

    private void apply(EventEnvelope event) {
        projection.apply(event, 1);
    }

    private Document head(String owner) {
        return template.findById(owner, Document.class, "homes_g1");
    }

    private List<Document> tail(String owner) {
        Document tail = template.findById(owner, Document.class, "homeTails_g1");
        return tail == null ? List.of() : tail.getList("entries", Document.class, List.of());
    }

    private List<Document> timeline(String owner) {
        return HomeTimeline.entries(template, 1, owner);
    }

    private static List<String> ids(List<Document> entries) {
        return entries.stream().map(entry -> entry.getString("p")).collect(Collectors.toList());
    }

    private static final class Post {
        final String id;
        final String authorId;
        final Instant at;
        boolean deleted;

        Post(String id, String authorId, Instant at) {
            this.id = id;
            this.authorId = authorId;
            this.at = at;
        }
    }
}
