package dev.shutter.command.post;

import dev.shutter.events.post.CommentAdded;
import dev.shutter.events.post.CommentDeleted;
import dev.shutter.events.post.PostCaptionEdited;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.PostUnliked;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostTest {

    private static final String POST = "post-1";
    private static final String AUTHOR = "ada";
    private static final String OTHER = "bob";
    private static final String THIRD = "cy";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final PostPublished PUBLISHED = new PostPublished(POST, AUTHOR, "Sunset", List.of("m1", "m2"), NOW);
    private static final PostDeleted DELETED = new PostDeleted(POST, AUTHOR, NOW);
    private static final CommentAdded COMMENTED = new CommentAdded(POST, "c1", OTHER, "Nice", NOW);

    private FixtureConfiguration<Post> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Post.class);
    }

    @Test
    void publishesAPost() {
        fixture.givenNoPriorActivity()
                .when(new PublishPost(POST, AUTHOR, "Sunset", List.of("m1", "m2"), NOW))
                .expectEvents(PUBLISHED);
    }

    @Test
    void theAuthorEditsTheCaption() {
        fixture.given(PUBLISHED)
                .when(new EditCaption(POST, AUTHOR, "Sunrise"))
                .expectEvents(new PostCaptionEdited(POST, AUTHOR, "Sunrise"));
    }

    @Test
    void rejectsACaptionEditByAnotherUser() {
        fixture.given(PUBLISHED)
                .when(new EditCaption(POST, OTHER, "Mine now"))
                .expectException(NotYoursException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsACaptionEditOfADeletedPost() {
        fixture.given(PUBLISHED, DELETED)
                .when(new EditCaption(POST, AUTHOR, "Too late"))
                .expectException(PostNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void theAuthorDeletesThePost() {
        fixture.given(PUBLISHED).when(new DeletePost(POST, AUTHOR, NOW)).expectEvents(DELETED);
    }

    @Test
    void rejectsDeletionByAnotherUser() {
        fixture.given(PUBLISHED)
                .when(new DeletePost(POST, OTHER, NOW))
                .expectException(NotYoursException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedPostCannotBeDeletedAgain() {
        fixture.given(PUBLISHED, DELETED)
                .when(new DeletePost(POST, AUTHOR, NOW))
                .expectException(PostNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void likesAPost() {
        fixture.given(PUBLISHED).when(new LikePost(POST, OTHER, NOW)).expectEvents(new PostLiked(POST, OTHER, NOW));
    }

    @Test
    void likingTwiceChangesNothing() {
        fixture.given(PUBLISHED, new PostLiked(POST, OTHER, NOW))
                .when(new LikePost(POST, OTHER, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejectsLikingADeletedPost() {
        fixture.given(PUBLISHED, DELETED)
                .when(new LikePost(POST, OTHER, NOW))
                .expectException(PostNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void unlikesALikedPost() {
        fixture.given(PUBLISHED, new PostLiked(POST, OTHER, NOW))
                .when(new UnlikePost(POST, OTHER))
                .expectEvents(new PostUnliked(POST, OTHER));
    }

    @Test
    void unlikingAPostNotLikedChangesNothing() {
        fixture.given(PUBLISHED)
                .when(new UnlikePost(POST, OTHER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void commentsOnAPost() {
        fixture.given(PUBLISHED)
                .when(new AddComment(POST, "c1", OTHER, "Nice", NOW))
                .expectEvents(COMMENTED);
    }

    @Test
    void rejectsACommentOnADeletedPost() {
        fixture.given(PUBLISHED, DELETED)
                .when(new AddComment(POST, "c1", OTHER, "Nice", NOW))
                .expectException(PostNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void theCommentAuthorDeletesTheComment() {
        fixture.given(PUBLISHED, COMMENTED)
                .when(new DeleteComment(POST, "c1", OTHER))
                .expectEvents(new CommentDeleted(POST, "c1", OTHER));
    }

    @Test
    void thePostAuthorDeletesSomebodysComment() {
        fixture.given(PUBLISHED, COMMENTED)
                .when(new DeleteComment(POST, "c1", AUTHOR))
                .expectEvents(new CommentDeleted(POST, "c1", OTHER));
    }

    @Test
    void rejectsCommentDeletionByAThirdUser() {
        fixture.given(PUBLISHED, COMMENTED)
                .when(new DeleteComment(POST, "c1", THIRD))
                .expectException(NotYoursException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsDeletionOfAnUnknownComment() {
        fixture.given(PUBLISHED)
                .when(new DeleteComment(POST, "c9", AUTHOR))
                .expectException(CommentNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedCommentCannotBeDeletedAgain() {
        fixture.given(PUBLISHED, COMMENTED, new CommentDeleted(POST, "c1", OTHER))
                .when(new DeleteComment(POST, "c1", OTHER))
                .expectException(CommentNotFoundException.class)
                .expectNoEvents();
    }
}
