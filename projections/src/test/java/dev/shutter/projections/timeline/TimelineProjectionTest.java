package dev.shutter.projections.timeline;

import static dev.shutter.projections.support.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.projections.support.InMemoryMongo;
import dev.shutter.projections.support.Snapshots;
import dev.shutter.projections.view.EventEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

class TimelineProjectionTest {

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private MongoTemplate template;
    private TimelineProjection projection;

    @BeforeEach
    void freshDatabase() {
        mongo.dropDatabase("timelines");
        template = mongo.template("timelines");
        projection = new TimelineProjection(template, 2);
        projection.createIndexes(1);
    }

    @Test
    void publishedPostEntersTheAuthorsTimelineAndEveryActiveFollowersHome() {
        apply(follow("bob", "alice", 0));
        apply(follow("carol", "alice", 0));
        apply(follow("dave", "alice", 0));
        apply(unfollow("dave", "alice", 1));

        apply(publish("p1", "alice", "2024-01-01T10:00:00Z"));

        assertThat(ids("user_g1", "authorId", "alice")).containsExactly("p1");
        assertThat(homeOf("bob")).containsExactly("p1");
        assertThat(homeOf("carol")).containsExactly("p1");
        assertThat(homeOf("dave")).isEmpty();
        assertThat(homeOf("alice")).isEmpty();
    }

    @Test
    void followingBringsTheFolloweesNewestPostsIntoTheHomeTimeline() {
        apply(publish("old", "alice", "2024-01-01T10:00:00Z"));
        apply(publish("mid", "alice", "2024-01-02T10:00:00Z"));
        apply(publish("new", "alice", "2024-01-03T10:00:00Z"));

        apply(follow("bob", "alice", 0));

        assertThat(homeOf("bob")).containsExactlyInAnyOrder("mid", "new");
    }

    @Test
    void unfollowingRemovesTheFolloweesPostsFromTheHomeTimelineOnly() {
        apply(follow("bob", "alice", 0));
        apply(follow("bob", "carol", 0));
        apply(publish("a1", "alice", "2024-01-01T10:00:00Z"));
        apply(publish("c1", "carol", "2024-01-01T11:00:00Z"));

        apply(unfollow("bob", "alice", 1));

        assertThat(homeOf("bob")).containsExactly("c1");
    }

    @Test
    void deletedPostLeavesEveryTimeline() {
        apply(follow("bob", "alice", 0));
        apply(publish("p1", "alice", "2024-01-01T10:00:00Z"));

        apply(envelope("p1", 3, new PostDeleted("p1", "alice", Instant.parse("2024-01-02T10:00:00Z"))));

        assertThat(ids("user_g1", "authorId", "alice")).isEmpty();
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
        assertThat(ids("user_g1", "authorId", "alice")).isEmpty();
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
    void fanOutInterruptedBeforeTheHomeTimelinesConvergesWhenTheEventIsRedelivered() {
        EventEnvelope published = publish("p1", "alice", "2024-01-01T10:00:00Z");
        apply(follow("bob", "alice", 0));
        apply(published);
        // As if the process died after recording the post but before the fan-out was written.
        template.remove(query(where("postId").is("p1")), "home_g1");
        template.remove(query(where("_id").is("p1")), "user_g1");

        apply(published);

        assertThat(homeOf("bob")).containsExactly("p1");
        assertThat(ids("user_g1", "authorId", "alice")).containsExactly("p1");
    }

    @Test
    void applyingEveryEventTwiceLeavesTheSameTimelines() {
        List<EventEnvelope> events = List.of(
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
    void homeEntriesCarryThePostsAuthorAndTime() {
        apply(follow("bob", "alice", 0));
        apply(publish("p1", "alice", "2024-01-01T10:00:00Z"));

        Document entry = template.findById("bob:p1", Document.class, "home_g1");

        assertThat(entry).isNotNull();
        assertThat(entry.getString("ownerId")).isEqualTo("bob");
        assertThat(entry.getString("postId")).isEqualTo("p1");
        assertThat(entry.getString("authorId")).isEqualTo("alice");
        assertThat(entry.getDate("createdAt").toInstant()).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
    }

    @Test
    void ignoresEventsOtherViewsNeed() {
        boolean handled = projection.apply(envelope("u1", 1, new ProfileUpdated("u1", "Al", "bio", null)), 1);

        assertThat(handled).isFalse();
    }

    private void apply(EventEnvelope event) {
        projection.apply(event, 1);
    }

    private List<String> homeOf(String owner) {
        return template.find(query(where("ownerId").is(owner)), Document.class, "home_g1").stream()
                .map(entry -> entry.getString("postId"))
                .toList();
    }

    private List<String> ids(String collection, String field, String value) {
        return template.find(query(where(field).is(value)), Document.class, collection).stream()
                .map(document -> document.getString("_id"))
                .toList();
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
