package dev.shutter.projections.post;

import static dev.shutter.projections.support.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.shutter.events.post.CommentAdded;
import dev.shutter.events.post.CommentDeleted;
import dev.shutter.events.post.PostCaptionEdited;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.PostUnliked;
import dev.shutter.events.post.UsersMentioned;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.projections.support.DeletionScenario;
import dev.shutter.projections.support.InMemoryMongo;
import dev.shutter.projections.support.Snapshots;
import dev.shutter.projections.support.StoredEvent;
import dev.shutter.projections.view.EventEnvelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

class PostProjectionTest {

    private static final Instant PUBLISHED_AT = Instant.parse("2024-01-01T10:00:00Z");

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private MongoTemplate template;
    private PostProjection projection;

    @BeforeEach
    void freshDatabase() {
        mongo.dropDatabase("posts");
        template = mongo.template("posts");
        projection = new PostProjection(template);
        projection.createIndexes(1);
    }

    @Test
    void publicationCreatesThePostWithZeroCounts() {
        apply(published());

        assertThat(post())
                .contains(
                        entry("authorId", "alice"),
                        entry("caption", "Sunset"),
                        entry("mediaIds", List.of("m1", "m2")),
                        entry("createdAt", Date.from(PUBLISHED_AT)),
                        entry("deleted", false),
                        entry("likeCount", 0L),
                        entry("commentCount", 0L),
                        entry("seq", 0L));
    }

    @Test
    void captionEditReplacesTheCaption() {
        apply(published());

        apply(envelope("p1", 1, new PostCaptionEdited("p1", "alice", "Sunrise")));

        assertThat(post().getString("caption")).isEqualTo("Sunrise");
    }

    @Test
    void likesAreCountedOncePerUserEvenWhenRedelivered() {
        EventEnvelope bobLikes = envelope("p1", 1, new PostLiked("p1", "bob", Instant.now()));
        apply(published());
        apply(bobLikes);
        apply(envelope("p1", 2, new PostLiked("p1", "carol", Instant.now())));

        apply(bobLikes);

        assertThat(post().get("likeCount")).isEqualTo(2L);
        assertThat(template.findById("p1:bob", Document.class, "likes_g1"))
                .contains(entry("postId", "p1"), entry("userId", "bob"), entry("active", true));
    }

    @Test
    void unlikeUncountsAndAStaleLikeRedeliveredAfterItIsIgnored() {
        EventEnvelope bobLikes = envelope("p1", 1, new PostLiked("p1", "bob", Instant.now()));
        apply(published());
        apply(bobLikes);
        apply(envelope("p1", 2, new PostUnliked("p1", "bob")));

        apply(bobLikes);

        assertThat(post().get("likeCount")).isEqualTo(0L);
        assertThat(template.findById("p1:bob", Document.class, "likes_g1")).contains(entry("active", false));
    }

    @Test
    void commentsAreStoredAndCountedAndDeletedOnesUncounted() {
        apply(published());
        apply(envelope("p1", 1, new CommentAdded("p1", "c1", "bob", "Nice!", PUBLISHED_AT.plusSeconds(60))));
        apply(envelope("p1", 2, new CommentAdded("p1", "c2", "carol", "Wow", PUBLISHED_AT.plusSeconds(120))));
        apply(envelope("p1", 3, new CommentDeleted("p1", "c1", "bob")));

        assertThat(post().get("commentCount")).isEqualTo(1L);
        assertThat(template.findById("c2", Document.class, "comments_g1"))
                .contains(
                        entry("postId", "p1"),
                        entry("authorId", "carol"),
                        entry("text", "Wow"),
                        entry("createdAt", Date.from(PUBLISHED_AT.plusSeconds(120))),
                        entry("deleted", false));
        assertThat(template.findById("c1", Document.class, "comments_g1")).contains(entry("deleted", true));
    }

    @Test
    void deletionMarksThePostDeleted() {
        apply(published());

        apply(envelope("p1", 1, new PostDeleted("p1", "alice", Instant.now())));

        assertThat(post()).contains(entry("deleted", true));
    }

    @Test
    void countsRecoverWhenTheCountUpdateWasLostHalfWay() {
        EventEnvelope liked = envelope("p1", 1, new PostLiked("p1", "bob", Instant.now()));
        apply(published());
        apply(liked);
        // As if the process died after recording the like but before recounting.
        template.updateFirst(query(where("_id").is("p1")), new Update().set("likeCount", 0L), "posts_g1");

        apply(liked);

        assertThat(post().get("likeCount")).isEqualTo(1L);
    }

    @Test
    void applyingEveryEventTwiceLeavesTheSamePosts() {
        List<EventEnvelope> events = List.of(
                published(),
                envelope("p1", 1, new PostLiked("p1", "bob", Instant.now())),
                envelope("p1", 2, new CommentAdded("p1", "c1", "bob", "Nice!", Instant.now())),
                envelope("p1", 3, new PostCaptionEdited("p1", "alice", "Sunrise")),
                envelope("p1", 4, new PostUnliked("p1", "bob")),
                envelope("p1", 5, new PostLiked("p1", "carol", Instant.now())));
        events.forEach(this::apply);
        Object once = Snapshots.database(template, Set.of());

        events.forEach(this::apply);

        assertThat(Snapshots.database(template, Set.of())).isEqualTo(once);
        assertThat(post()).contains(entry("likeCount", 1L), entry("commentCount", 1L), entry("caption", "Sunrise"));
    }

    @Test
    void hashtagsFollowTheCurrentCaption() {
        apply(envelope(
                "p1", 0, new PostPublished("p1", "alice", "#Sunset at the #beach", List.of("m1"), PUBLISHED_AT)));
        assertThat(post().getList("hashtags", String.class)).containsExactly("sunset", "beach");

        apply(envelope("p1", 1, new PostCaptionEdited("p1", "alice", "Only #Dunes now")));

        assertThat(post().getList("hashtags", String.class)).containsExactly("dunes");
    }

    @Test
    void mentionsGatherOnTheCaptionOrTheCommentTheyCameWith() {
        apply(published());
        apply(envelope("p1", 1, new UsersMentioned("p1", null, "alice", List.of("bob"), PUBLISHED_AT)));
        apply(envelope("p1", 2, new PostCaptionEdited("p1", "alice", "@bob and @carol")));
        apply(envelope("p1", 3, new UsersMentioned("p1", null, "alice", List.of("carol"), PUBLISHED_AT)));
        apply(envelope("p1", 4, new CommentAdded("p1", "c1", "bob", "@dan #Look", PUBLISHED_AT)));
        EventEnvelope commentMention =
                envelope("p1", 5, new UsersMentioned("p1", "c1", "bob", List.of("dan"), PUBLISHED_AT));
        apply(commentMention);
        apply(commentMention);

        assertThat(post().getList("mentionedUserIds", String.class)).containsExactly("bob", "carol");
        assertThat(template.findById("c1", Document.class, "comments_g1"))
                .contains(
                        entry("mentionedUserIds", List.of("dan")),
                        entry("hashtags", List.of("look")),
                        entry("text", "@dan #Look"));
    }

    @Test
    void likeCountsAreExactWhateverTheDuplicatesAndTheirOrder() {
        // 50 users, some of whom like, unlike and like again; every event is delivered one to three times.
        List<EventEnvelope> events = new ArrayList<>(List.of(published()));
        long sequence = 1;
        int expected = 0;
        for (int user = 0; user < 50; user++) {
            events.add(envelope("p1", sequence++, new PostLiked("p1", "u" + user, PUBLISHED_AT)));
            if (user % 5 == 0) {
                events.add(envelope("p1", sequence++, new PostUnliked("p1", "u" + user)));
            }
            if (user % 10 == 0) {
                events.add(envelope("p1", sequence++, new PostLiked("p1", "u" + user, PUBLISHED_AT)));
            }
            expected += user % 5 == 0 && user % 10 != 0 ? 0 : 1;
        }
        Random random = new Random(42);
        List<EventEnvelope> deliveries = new ArrayList<>();
        for (EventEnvelope event : events) {
            for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                deliveries.add(event);
            }
        }
        deliveries.forEach(this::apply);
        // Redelivering the whole history, as after a lost acknowledgement of a long batch.
        List<EventEnvelope> again = new ArrayList<>(events);
        Collections.shuffle(again, random);
        again.forEach(this::apply);

        assertThat(post().get("likeCount")).isEqualTo((long) expected);
        assertThat(template.count(query(where("postId").is("p1").and("active").is(true)), "likes_g1"))
                .isEqualTo(expected);
    }

    @Test
    void aDeletedAccountIsForgottenWithItsPostsLikesAndCommentsAndLeavesTheMentionsOfOthers() {
        DeletionScenario scenario = new DeletionScenario(1);

        applyAll(scenario.live(), 1);

        assertThat(Snapshots.holding(template, scenario.ginasTraces(), Set.of("forgotten_", "view_state")))
                .isEmpty();
        assertThat(template.findAll(Document.class, "posts_g1"))
                .extracting(post -> post.getString("_id"))
                .containsExactly(scenario.halsPost);
        assertThat(template.findById(scenario.halsPost, Document.class, "posts_g1"))
                .contains(
                        entry("likeCount", 1L),
                        entry("commentCount", 1L),
                        entry("mentionedUserIds", List.of()),
                        entry("hashtags", List.of("friends")));
        assertThat(template.findAll(Document.class, "likes_g1"))
                .extracting(like -> like.getString("userId"))
                .containsExactly(scenario.ivan);
        assertThat(template.findAll(Document.class, "comments_g1"))
                .extracting(comment -> comment.getString("_id"))
                .containsExactly(scenario.ivansComment);
        assertThat(template.findById(scenario.ivansComment, Document.class, "comments_g1"))
                .contains(entry("mentionedUserIds", List.of()));
        assertThat(template.findAll(Document.class, "forgotten_g1"))
                .extracting(forgotten -> forgotten.getString("_id"))
                .containsExactlyInAnyOrder(scenario.gina, scenario.ginasPost, scenario.ginasOtherPost);
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
    void likesAndCommentsOnAForgottenPostArrivingLateAreSkipped() {
        DeletionScenario scenario = new DeletionScenario(1);
        applyAll(scenario.live(), 1);

        apply(envelope(scenario.ginasPost, 6, new PostLiked(scenario.ginasPost, scenario.ivan, PUBLISHED_AT)));
        apply(envelope(
                scenario.ginasPost,
                7,
                new CommentAdded(scenario.ginasPost, "late", scenario.ivan, "Hi", PUBLISHED_AT)));

        assertThat(template.findById(scenario.ginasPost + ":" + scenario.ivan, Document.class, "likes_g1"))
                .isNull();
        assertThat(template.findById("late", Document.class, "comments_g1")).isNull();
        assertThat(template.findById(scenario.ginasPost, Document.class, "posts_g1"))
                .isNull();
    }

    @Test
    void aDeletionFindingLikesAndCommentsStillStandingRecountsThePostsTheyWereOn() {
        apply(published());
        apply(envelope("p1", 1, new PostLiked("p1", "bob", PUBLISHED_AT)));
        apply(envelope("p1", 2, new PostLiked("p1", "carol", PUBLISHED_AT)));
        apply(envelope("p1", 3, new CommentAdded("p1", "c1", "bob", "Hi", PUBLISHED_AT)));

        apply(envelope("bob", 4, new UserDeleted("bob", PUBLISHED_AT)));

        assertThat(post()).contains(entry("likeCount", 1L), entry("commentCount", 0L));
        assertThat(Snapshots.holding(template, List.of("bob"), Set.of("forgotten_")))
                .isEmpty();
    }

    @Test
    void aLaterMentionLeavesOutTheForgottenUsers() {
        apply(published());
        apply(envelope("p1", 1, new CommentAdded("p1", "c1", "bob", "@carol @dora", PUBLISHED_AT)));
        apply(envelope("carol", 5, new UserDeleted("carol", PUBLISHED_AT)));

        apply(envelope("p1", 2, new UsersMentioned("p1", "c1", "bob", List.of("carol", "dora"), PUBLISHED_AT)));

        assertThat(template.findById("c1", Document.class, "comments_g1"))
                .contains(entry("mentionedUserIds", List.of("dora")));
    }

    @Test
    void anErasedCaptionOrCommentReadsAsAnEmptyOne() {
        apply(envelope("p1", 0, new PostPublished("p1", "alice", null, List.of("m1"), PUBLISHED_AT)));
        apply(envelope("p2", 0, new PostPublished("p2", "alice", "#Before", List.of("m2"), PUBLISHED_AT)));
        apply(envelope("p2", 1, new PostCaptionEdited("p2", "alice", null)));
        apply(envelope("p1", 1, new CommentAdded("p1", "c1", "alice", null, PUBLISHED_AT)));

        assertThat(post()).contains(entry("caption", ""), entry("hashtags", List.of()), entry("commentCount", 1L));
        assertThat(template.findById("p2", Document.class, "posts_g1"))
                .contains(entry("caption", ""), entry("hashtags", List.of()));
        assertThat(template.findById("c1", Document.class, "comments_g1"))
                .contains(entry("text", ""), entry("hashtags", List.of()));
    }

    private void applyAll(List<StoredEvent> events, int generation) {
        events.forEach(event -> projection.apply(event.envelope(), generation));
    }

    private void apply(EventEnvelope event) {
        projection.apply(event, 1);
    }

    private Document post() {
        return template.findById("p1", Document.class, "posts_g1");
    }

    private static EventEnvelope published() {
        return envelope("p1", 0, new PostPublished("p1", "alice", "Sunset", List.of("m1", "m2"), PUBLISHED_AT));
    }
}
