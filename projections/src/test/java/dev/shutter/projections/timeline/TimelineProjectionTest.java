package dev.shutter.projections.timeline;

import static dev.shutter.projections.support.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.shutter.events.block.UserBlocked;
import dev.shutter.events.block.UserUnblocked;
import dev.shutter.events.follow.FollowRequestDeclined;
import dev.shutter.events.follow.FollowRequested;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UserSignedIn;
import dev.shutter.projections.support.DeletionScenario;
import dev.shutter.projections.support.HomeTimeline;
import dev.shutter.projections.support.InMemoryMongo;
import dev.shutter.projections.support.Snapshots;
import dev.shutter.projections.support.StoredEvent;
import dev.shutter.projections.view.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

class TimelineProjectionTest {

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private MongoTemplate template;
    private TimelineProjection projection;

    @BeforeEach
    void freshDatabase() {
        mongo.dropDatabase("timelines");
        template = mongo.template("timelines");
        // A home timeline of 3 entries, 2 posts brought in per follow, fan-out up to 3 followers.
        projection = new TimelineProjection(template, new TimelineSettings(3, 3, Duration.ofDays(30), 2));
        projection.createIndexes(1);
    }

    @Test
    void publishedPostEntersTheAuthorsTimelineAndEveryActiveFollowersHome() {
        apply(follow("bob", "alice", 0));
        apply(follow("carol", "alice", 0));
        apply(follow("dave", "alice", 0));
        apply(unfollow("dave", "alice", 1));

        apply(publish("p1", "alice", "2024-01-01T10:00:00Z"));

        assertThat(postsOf("alice")).containsExactly("p1");
        assertThat(homeOf("bob")).containsExactly("p1");
        assertThat(homeOf("carol")).containsExactly("p1");
        assertThat(homeOf("dave")).isEmpty();
        assertThat(homeOf("alice")).isEmpty();
    }

    @Test
    void homeTimelinesAndAuthorTimelinesAreNewestFirstWhateverTheOrderOfArrival() {
        apply(follow("bob", "alice", 0));
        apply(publish("mid", "alice", "2024-01-02T10:00:00Z"));
        apply(publish("new", "alice", "2024-01-03T10:00:00Z"));
        apply(publish("old", "alice", "2024-01-01T10:00:00Z"));

        assertThat(homeOf("bob")).containsExactly("new", "mid", "old");
        assertThat(postsOf("alice")).containsExactly("new", "mid", "old");
    }

    @Test
    void followingBringsTheFolloweesNewestPostsAndMarksWhereTheRestContinues() {
        apply(publish("old", "alice", "2024-01-01T10:00:00Z"));
        apply(publish("mid", "alice", "2024-01-02T10:00:00Z"));
        apply(publish("new", "alice", "2024-01-03T10:00:00Z"));

        apply(follow("bob", "alice", 0));

        assertThat(homeOf("bob")).containsExactly("new", "mid");
        assertThat(horizonOf("bob")).isEqualTo("old");
    }

    @Test
    void aFullHomeTimelineKeepsTheNewestEntriesAndMovesItsHorizonAboveTheRest() {
        apply(follow("bob", "alice", 0));
        apply(follow("bob", "carol", 0));
        apply(publish("a1", "alice", "2024-01-01T10:00:00Z"));
        apply(publish("c1", "carol", "2024-01-02T10:00:00Z"));
        apply(publish("a2", "alice", "2024-01-03T10:00:00Z"));
        assertThat(horizonOf("bob")).isNull();

        apply(publish("c2", "carol", "2024-01-04T10:00:00Z"));
        apply(publish("late", "carol", "2023-12-01T10:00:00Z"));

        assertThat(homeOf("bob")).containsExactly("c2", "a2", "c1");
        assertThat(horizonOf("bob")).isEqualTo("a1");
    }

    @Test
    void aHomeOfAnEarlierLayoutLosesItsArrayOfAccountsFollowedWhenWrittenAgain() {
        template.insert(
                new Document("_id", "bob").append("entries", List.of()).append("following", List.of("alice")),
                "homes_g1");
        apply(publish("a1", "alice", "2024-01-01T10:00:00Z"));

        apply(follow("bob", "alice", 0));

        assertThat(homeOf("bob")).containsExactly("a1");
        assertThat(template.findById("bob", Document.class, "homes_g1")).doesNotContainKey("following");
        // The arrays of blocks of earlier versions go with their generation.
        assertThat(projection.collections()).contains("apart");
    }

    @Test
    void unfollowingRemovesTheFolloweesPostsFromTheHomeTimelineOnly() {
        apply(follow("bob", "alice", 0));
        apply(follow("bob", "carol", 0));
        apply(publish("a1", "alice", "2024-01-01T10:00:00Z"));
        apply(publish("c1", "carol", "2024-01-01T11:00:00Z"));

        apply(unfollow("bob", "alice", 1));

        assertThat(homeOf("bob")).containsExactly("c1");
        assertThat(followingOf("bob")).containsExactly("carol");
        assertThat(postsOf("alice")).containsExactly("a1");
    }

    @Test
    void deletedPostLeavesEveryTimeline() {
        apply(follow("bob", "alice", 0));
        apply(publish("p1", "alice", "2024-01-01T10:00:00Z"));

        apply(envelope("p1", 3, new PostDeleted("p1", "alice", Instant.parse("2024-01-02T10:00:00Z"))));

        assertThat(postsOf("alice")).isEmpty();
        assertThat(homeOf("bob")).isEmpty();
    }

    @Test
    void publicationRedeliveredAfterTheDeletionDoesNotBringThePostBack() {
        EventEnvelope published = publish("p1", "alice", "2024-01-01T10:00:00Z");
        apply(follow("bob", "alice", 0));
        apply(published);
        apply(envelope("p1", 1, new PostDeleted("p1", "alice", Instant.parse("2024-01-02T10:00:00Z"))));

        apply(published);

        assertThat(homeOf("bob")).isEmpty();
        assertThat(postsOf("alice")).isEmpty();
    }

    @Test
    void staleUnfollowRedeliveredAfterARefollowKeepsTheHomeTimeline() {
        EventEnvelope unfollowed = unfollow("bob", "alice", 1);
        apply(follow("bob", "alice", 0));
        apply(unfollowed);
        apply(follow("bob", "alice", 2));
        apply(publish("p1", "alice", "2024-01-01T10:00:00Z"));

        apply(unfollowed);

        assertThat(homeOf("bob")).containsExactly("p1");
    }

    @Test
    void fanOutInterruptedHalfWayConvergesWithoutDuplicatesWhenTheEventIsRedelivered() {
        EventEnvelope published = publish("p1", "alice", "2024-01-01T10:00:00Z");
        apply(follow("bob", "alice", 0));
        apply(follow("carol", "alice", 0));
        apply(published);
        // As if the process died after bob's home was written but before carol's and before the post was done.
        template.updateFirst(query(where("_id").is("p1")), new Update().unset("fanned"), "posts_g1");
        template.remove(query(where("o").is("carol")), "homeArrivals_g1");
        template.updateFirst(
                query(where("_id").is("carol")), new Update().pull("entries", new Document("p", "p1")), "homes_g1");

        apply(published);

        assertThat(homeOf("bob")).containsExactly("p1");
        assertThat(homeOf("carol")).containsExactly("p1");
        assertThat(postsOf("alice")).containsExactly("p1");
    }

    @Test
    void applyingEveryEventTwiceLeavesTheSameTimelines() {
        List<EventEnvelope> events = List.of(
                registered("carol", "2024-01-01T08:00:00Z"),
                follow("bob", "alice", 0),
                publish("p1", "alice", "2024-01-01T10:00:00Z"),
                publish("p2", "alice", "2024-01-02T10:00:00Z"),
                follow("carol", "alice", 0),
                unfollow("bob", "alice", 1),
                envelope("p1", 1, new PostDeleted("p1", "alice", Instant.parse("2024-01-03T10:00:00Z"))));
        events.forEach(this::apply);
        Object once = Snapshots.database(template, Set.of());

        events.forEach(this::apply);

        assertThat(Snapshots.database(template, Set.of())).isEqualTo(once);
        assertThat(homeOf("carol")).containsExactly("p2");
    }

    @Test
    void anAccountAboveTheThresholdIsNotFannedOutButKeepsItsOwnTimeline() {
        for (String follower : List.of("f1", "f2", "f3", "f4")) {
            apply(follow(follower, "star", 0));
        }

        apply(publish("s1", "star", "2024-01-01T10:00:00Z"));

        assertThat(postsOf("star")).containsExactly("s1");
        assertThat(List.of("f1", "f2", "f3", "f4"))
                .allSatisfy(owner -> assertThat(homeOf(owner)).isEmpty());
        assertThat(template.findById("star", Document.class, "merged_g1")).isNotNull();
        assertThat(followersOf("star")).containsExactlyInAnyOrder("f1", "f2", "f3", "f4");
    }

    @Test
    void anAccountFallingBackToTheThresholdIsFannedOutAgainWithItsRecentPosts() {
        for (String follower : List.of("f1", "f2", "f3", "f4")) {
            apply(follow(follower, "star", 0));
        }
        apply(publish("s1", "star", "2024-01-01T10:00:00Z"));

        apply(unfollow("f4", "star", 1));
        apply(publish("s2", "star", "2024-01-02T10:00:00Z"));

        assertThat(template.findById("star", Document.class, "merged_g1")).isNull();
        assertThat(homeOf("f1")).containsExactly("s2", "s1");
        assertThat(homeOf("f4")).isEmpty();
    }

    @Test
    void aUserAwayLongerThanTheInactivityPeriodIsNotFannedOutToAndIsRegeneratedOnReturn() {
        apply(registered("bob", "2024-01-01T00:00:00Z"));
        apply(registered("carol", "2024-03-01T00:00:00Z"));
        apply(follow("bob", "alice", 0));
        apply(follow("carol", "alice", 0));
        apply(publish("early", "alice", "2024-01-10T00:00:00Z"));

        apply(publish("while-away", "alice", "2024-03-10T00:00:00Z"));

        assertThat(homeOf("bob")).containsExactly("early");
        assertThat(homeOf("carol")).containsExactly("while-away", "early");
        assertThat(template.findById("bob", Document.class, "homes_g1").getBoolean("stale"))
                .isTrue();

        apply(envelope("bob", 1, new UserSignedIn("bob", Instant.parse("2024-03-11T00:00:00Z"))));

        Document home = template.findById("bob", Document.class, "homes_g1");
        assertThat(homeOf("bob")).containsExactly("while-away", "early");
        assertThat(home.getBoolean("stale")).isFalse();
        assertThat(home.getDate("activeUntil").toInstant()).isEqualTo(Instant.parse("2024-04-10T00:00:00Z"));
    }

    @Test
    void postingKeepsTheAuthorActive() {
        apply(registered("bob", "2024-01-01T00:00:00Z"));
        apply(follow("bob", "alice", 0));
        apply(publish("b1", "bob", "2024-01-25T00:00:00Z"));

        apply(publish("a1", "alice", "2024-02-20T00:00:00Z"));

        assertThat(homeOf("bob")).containsExactly("a1");
    }

    @Test
    void homeEntriesCarryThePostsAuthorAndTime() {
        apply(follow("bob", "alice", 0));
        apply(publish("p1", "alice", "2024-01-01T10:00:00Z"));

        Document entry = entries("bob").get(0);

        assertThat(entry.getString("p")).isEqualTo("p1");
        assertThat(entry.getString("a")).isEqualTo("alice");
        assertThat(entry.getDate("t").toInstant()).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
    }

    @Test
    void aFollowRequestBringsNoPostsUntilItIsApproved() {
        apply(publish("p1", "alice", "2024-01-01T10:00:00Z"));
        apply(envelope("bob:alice", 0, new FollowRequested("bob:alice", "bob", "alice", Instant.now())));
        apply(envelope("carol:alice", 0, new FollowRequested("carol:alice", "carol", "alice", Instant.now())));
        apply(envelope("carol:alice", 1, new FollowRequestDeclined("carol:alice", "carol", "alice", Instant.now())));
        apply(publish("p2", "alice", "2024-01-02T10:00:00Z"));
        assertThat(homeOf("bob")).isEmpty();

        apply(follow("bob", "alice", 1));
        apply(publish("p3", "alice", "2024-01-03T10:00:00Z"));

        assertThat(homeOf("bob")).containsExactly("p3", "p2", "p1");
        assertThat(homeOf("carol")).isEmpty();
    }

    @Test
    void blockingTakesEachUsersPostsOutOfTheOthersHomeTimeline() {
        apply(follow("bob", "alice", 0));
        apply(follow("alice", "bob", 0));
        apply(follow("bob", "carol", 0));
        apply(publish("a1", "alice", "2024-01-01T10:00:00Z"));
        apply(publish("b1", "bob", "2024-01-01T11:00:00Z"));
        apply(publish("c1", "carol", "2024-01-01T12:00:00Z"));

        apply(block("alice", "bob", 0));

        assertThat(homeOf("bob")).containsExactly("c1");
        assertThat(homeOf("alice")).isEmpty();
        assertThat(followingOf("bob")).containsExactly("carol");
        assertThat(followingOf("alice")).isEmpty();
    }

    @Test
    void blockedUsersStayApartEvenWhenAFollowArrivesLate() {
        apply(block("alice", "bob", 0));

        apply(follow("bob", "alice", 0));
        apply(follow("alice", "bob", 0));
        apply(publish("a1", "alice", "2024-01-01T10:00:00Z"));
        apply(publish("b1", "bob", "2024-01-01T11:00:00Z"));

        assertThat(homeOf("bob")).isEmpty();
        assertThat(homeOf("alice")).isEmpty();
        assertThat(followersOf("alice")).doesNotContain("bob");
    }

    @Test
    void anAccountMergedAtReadTimeIsNoLongerFollowedByTheUserWhoBlockedIt() {
        for (String follower : List.of("f1", "f2", "f3", "f4")) {
            apply(follow(follower, "star", 0));
        }

        apply(block("f1", "star", 0));

        assertThat(followingOf("f1")).doesNotContain("star");
        assertThat(followersOf("star")).containsExactlyInAnyOrder("f2", "f3", "f4");
    }

    @Test
    void afterTheBlockIsLiftedANewFollowBringsThePostsAgain() {
        apply(follow("bob", "alice", 0));
        apply(publish("a1", "alice", "2024-01-01T10:00:00Z"));
        apply(block("alice", "bob", 0));
        apply(unfollow("bob", "alice", 1));

        apply(envelope("alice>bob", 1, new UserUnblocked("alice>bob", "alice", "bob", Instant.now())));
        assertThat(homeOf("bob")).isEmpty();
        apply(follow("bob", "alice", 2));

        assertThat(homeOf("bob")).containsExactly("a1");
    }

    @Test
    void liftingOneOfTwoBlocksKeepsTheUsersApart() {
        apply(block("alice", "bob", 0));
        apply(block("bob", "alice", 0));

        apply(envelope("alice>bob", 1, new UserUnblocked("alice>bob", "alice", "bob", Instant.now())));
        apply(follow("bob", "alice", 0));
        apply(publish("a1", "alice", "2024-01-01T10:00:00Z"));

        assertThat(homeOf("bob")).isEmpty();
    }

    @Test
    void blockingEventsAppliedTwiceLeaveTheSameTimelines() {
        List<EventEnvelope> events = List.of(
                follow("bob", "alice", 0),
                follow("alice", "bob", 0),
                publish("a1", "alice", "2024-01-01T10:00:00Z"),
                publish("b1", "bob", "2024-01-01T11:00:00Z"),
                block("alice", "bob", 0),
                unfollow("bob", "alice", 1),
                unfollow("alice", "bob", 1),
                block("carol", "alice", 0),
                envelope("carol>alice", 1, new UserUnblocked("carol>alice", "carol", "alice", Instant.now())));
        events.forEach(this::apply);
        Object once = Snapshots.database(template, Set.of());

        events.forEach(this::apply);

        assertThat(Snapshots.database(template, Set.of())).isEqualTo(once);
        assertThat(homeOf("bob")).isEmpty();
    }

    @Test
    void ignoresEventsOtherViewsNeed() {
        boolean handled = projection.apply(envelope("u1", 1, new ProfileUpdated("u1", "Al", "bio", null)), 1);

        assertThat(handled).isFalse();
    }

    @Test
    void aDeletedAccountLeavesNoTimelineGraphOrBlockBehind() {
        DeletionScenario scenario = new DeletionScenario(1);

        applyAll(scenario.live(), 1);

        assertThat(Snapshots.holding(template, scenario.ginasTraces(), Set.of("forgotten_", "view_state")))
                .isEmpty();
        assertThat(homeOf(scenario.hal)).isEmpty();
        assertThat(followingOf(scenario.hal)).isEmpty();
        assertThat(homeOf(scenario.ivan)).containsExactly(scenario.halsPost);
        assertThat(followersOf(scenario.hal)).containsExactly(scenario.ivan);
        assertThat(postsOf(scenario.hal)).containsExactly(scenario.halsPost);
        assertThat(template.findAll(Document.class, "forgotten_g1"))
                .containsExactly(new Document("_id", scenario.gina));
    }

    @Test
    void aReplayWithTheDeletedAccountsPersonalDataErasedEndsAsTheLiveView() {
        DeletionScenario scenario = new DeletionScenario(1);
        applyAll(scenario.live(), 1);
        projection.createIndexes(2);

        applyAll(scenario.erased(scenario.live()), 2);

        assertThat(Snapshots.generation(template, 2, Set.of())).isEqualTo(Snapshots.generation(template, 1, Set.of()));
    }

    @Test
    void eventsOfADeletedAccountDeliveredAgainAfterItsDeletionBringNothingBack() {
        DeletionScenario scenario = new DeletionScenario(1);
        List<StoredEvent> live = scenario.live();
        applyAll(live, 1);
        Object forgotten = Snapshots.database(template, Set.of());

        applyAll(live.subList(0, live.size() - 1), 1);
        Object afterLateEvents = Snapshots.database(template, Set.of());
        applyAll(live.subList(live.size() - 1, live.size()), 1);

        assertThat(afterLateEvents).isEqualTo(forgotten);
        assertThat(Snapshots.database(template, Set.of())).isEqualTo(forgotten);
    }

    @Test
    void aDeletionFindingFollowsBlocksAndPostsStillStandingEndsThemInEveryTimeline() {
        apply(follow("bob", "alice", 0));
        apply(follow("carol", "alice", 0));
        apply(follow("alice", "bob", 0));
        apply(block("alice", "dave", 0));
        apply(publish("a1", "alice", "2024-01-01T10:00:00Z"));
        apply(publish("b1", "bob", "2024-01-01T11:00:00Z"));

        apply(envelope("alice", 9, new UserDeleted("alice", Instant.parse("2024-01-02T10:00:00Z"))));

        assertThat(homeOf("bob")).isEmpty();
        assertThat(homeOf("carol")).isEmpty();
        assertThat(followersOf("bob")).isEmpty();
        assertThat(Snapshots.holding(template, List.of("alice", "a1"), Set.of("forgotten_")))
                .isEmpty();
        apply(publish("b2", "bob", "2024-01-01T12:00:00Z"));
        assertThat(postsOf("bob")).containsExactly("b2", "b1");
    }

    private void applyAll(List<StoredEvent> events, int generation) {
        events.forEach(event -> projection.apply(event.envelope(), generation));
    }

    private void apply(EventEnvelope event) {
        projection.apply(event, 1);
    }

    private List<Document> entries(String owner) {
        return HomeTimeline.entries(template, 1, owner);
    }

    private List<String> homeOf(String owner) {
        return entries(owner).stream().map(entry -> entry.getString("p")).toList();
    }

    private String horizonOf(String owner) {
        Document horizon = template.findById(owner, Document.class, "homes_g1").get("horizon", Document.class);
        return horizon == null ? null : horizon.getString("p");
    }

    /** The accounts the owner follows in the view: their edges, one document per followed account. */
    private List<String> followingOf(String owner) {
        return template
                .find(Query.query(Criteria.where("followerId").is(owner)), Document.class, "followerEdges_g1")
                .stream()
                .map(edge -> edge.getString("followeeId"))
                .toList();
    }

    private List<String> followersOf(String account) {
        return template
                .find(Query.query(Criteria.where("followeeId").is(account)), Document.class, "followerEdges_g1")
                .stream()
                .map(edge -> edge.getString("followerId"))
                .toList();
    }

    private static EventEnvelope block(String blocker, String blocked, long sequence) {
        String blockId = blocker + ">" + blocked;
        return envelope(
                blockId, sequence, new UserBlocked(blockId, blocker, blocked, Instant.parse("2024-01-02T09:00:00Z")));
    }

    /** The author's own timeline as the query side pages it: their live posts, newest first. */
    private List<String> postsOf(String author) {
        Query live = query(where("authorId").is(author).and("deleted").is(false))
                .with(Sort.by(Direction.DESC, "createdAt", "_id"));
        return template.find(live, Document.class, "posts_g1").stream()
                .map(post -> post.getString("_id"))
                .toList();
    }

    private static EventEnvelope registered(String userId, String at) {
        return envelope(
                userId, 0, new UserRegistered(userId, userId, userId + "@example.com", userId, Instant.parse(at)));
    }

    private static EventEnvelope follow(String follower, String followee, long sequence) {
        String followId = follower + ":" + followee;
        return envelope(
                followId,
                sequence,
                new UserFollowed(followId, follower, followee, Instant.parse("2024-01-01T09:00:00Z")));
    }

    private static EventEnvelope unfollow(String follower, String followee, long sequence) {
        String followId = follower + ":" + followee;
        return envelope(
                followId,
                sequence,
                new UserUnfollowed(followId, follower, followee, Instant.parse("2024-01-01T09:30:00Z")));
    }

    private static EventEnvelope publish(String postId, String author, String at) {
        return envelope(
                postId, 0, new PostPublished(postId, author, "caption", List.of("m-" + postId), Instant.parse(at)));
    }
}
