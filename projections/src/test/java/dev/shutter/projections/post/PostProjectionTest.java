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
import dev.shutter.projections.support.InMemoryMongo;
import dev.shutter.projections.support.Snapshots;
import dev.shutter.projections.view.EventEnvelope;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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
