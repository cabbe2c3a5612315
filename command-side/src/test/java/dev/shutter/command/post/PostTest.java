package dev.shutter.command.post;

import dev.shutter.command.block.BlockedException;
import dev.shutter.command.block.InMemoryBlockList;
import dev.shutter.events.post.CommentAdded;
import dev.shutter.events.post.CommentDeleted;
import dev.shutter.events.post.PostCaptionEdited;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.PostUnliked;
import dev.shutter.events.post.UsersMentioned;
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

    private final InMemoryBlockList blocks = new InMemoryBlockList();
    private FixtureConfiguration<Post> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Post.class);
        fixture.registerInjectableResource(blocks);
    }

    @Test
    void publishesAPost() {
        fixture.givenNoPriorActivity()
                .when(new PublishPost(POST, AUTHOR, "Sunset", List.of("m1", "m2"), List.of(), NOW))
                .expectEvents(PUBLISHED);
    }

    @Test
    void theAuthorEditsTheCaption() {
        fixture.given(PUBLISHED)
                .when(new EditCaption(POST, AUTHOR, "Sunrise", List.of(), NOW))
                .expectEvents(new PostCaptionEdited(POST, AUTHOR, "Sunrise"));
    }

    @Test
    void rejectsACaptionEditByAnotherUser() {
        fixture.given(PUBLISHED)
                .when(new EditCaption(POST, OTHER, "Mine now", List.of(), NOW))
                .expectException(NotYoursException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsACaptionEditOfADeletedPost() {
        fixture.given(PUBLISHED, DELETED)
                .when(new EditCaption(POST, AUTHOR, "Too late", List.of(), NOW))
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
                .when(new AddComment(POST, "c1", OTHER, "Nice", List.of(), NOW))
                .expectEvents(COMMENTED);
    }

    @Test
    void rejectsACommentOnADeletedPost() {
        fixture.given(PUBLISHED, DELETED)
                .when(new AddComment(POST, "c1", OTHER, "Nice", List.of(), NOW))
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

    @Test
    void publishingTellsTheMentionedUsersInTheOrderTheyAreNamed() {
        fixture.givenNoPriorActivity()
                .when(new PublishPost(POST, AUTHOR, "With @bob and @cy", List.of("m1"), List.of(OTHER, THIRD), NOW))
                .expectEvents(
                        new PostPublished(POST, AUTHOR, "With @bob and @cy", List.of("m1"), NOW),
                        new UsersMentioned(POST, null, AUTHOR, List.of(OTHER, THIRD), NOW));
    }

    @Test
    void anAuthorWhoMentionsOnlyThemselfTellsNobody() {
        fixture.givenNoPriorActivity()
                .when(new PublishPost(POST, AUTHOR, "Me, @ada", List.of("m1"), List.of(AUTHOR), NOW))
                .expectEvents(new PostPublished(POST, AUTHOR, "Me, @ada", List.of("m1"), NOW));
    }

    @Test
    void anEditedCaptionTellsOnlyTheUsersNoEarlierCaptionMentioned() {
        fixture.given(PUBLISHED, new UsersMentioned(POST, null, AUTHOR, List.of(OTHER), NOW))
                .when(new EditCaption(POST, AUTHOR, "With @bob, @cy and @ada", List.of(OTHER, THIRD, AUTHOR), NOW))
                .expectEvents(
                        new PostCaptionEdited(POST, AUTHOR, "With @bob, @cy and @ada"),
                        new UsersMentioned(POST, null, AUTHOR, List.of(THIRD), NOW));
    }

    @Test
    void aCaptionMentionRemovedAndAddedAgainIsNotToldTwice() {
        fixture.given(
                        PUBLISHED,
                        new UsersMentioned(POST, null, AUTHOR, List.of(OTHER), NOW),
                        new PostCaptionEdited(POST, AUTHOR, "Nobody"))
                .when(new EditCaption(POST, AUTHOR, "Back, @bob", List.of(OTHER), NOW))
                .expectEvents(new PostCaptionEdited(POST, AUTHOR, "Back, @bob"));
    }

    @Test
    void editingTheCaptionToTheSameTextChangesNothing() {
        fixture.given(PUBLISHED)
                .when(new EditCaption(POST, AUTHOR, "Sunset", List.of(), NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCommentTellsTheUsersItMentionsButNotItsAuthor() {
        fixture.given(PUBLISHED)
                .when(new AddComment(POST, "c1", OTHER, "@ada look, @bob @cy", List.of(AUTHOR, OTHER, THIRD), NOW))
                .expectEvents(
                        new CommentAdded(POST, "c1", OTHER, "@ada look, @bob @cy", NOW),
                        new UsersMentioned(POST, "c1", OTHER, List.of(AUTHOR, THIRD), NOW));
    }

    @Test
    void everyCommentTellsItsMentionsEvenUsersMentionedBefore() {
        fixture.given(PUBLISHED, COMMENTED, new UsersMentioned(POST, "c1", OTHER, List.of(THIRD), NOW))
                .when(new AddComment(POST, "c2", OTHER, "@cy again", List.of(THIRD), NOW))
                .expectEvents(
                        new CommentAdded(POST, "c2", OTHER, "@cy again", NOW),
                        new UsersMentioned(POST, "c2", OTHER, List.of(THIRD), NOW));
    }

    @Test
    void rejectsUnlikingADeletedPost() {
        fixture.given(PUBLISHED, new PostLiked(POST, OTHER, NOW), DELETED)
                .when(new UnlikePost(POST, OTHER))
                .expectException(PostNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsCommentDeletionOnADeletedPost() {
        fixture.given(PUBLISHED, COMMENTED, DELETED)
                .when(new DeleteComment(POST, "c1", OTHER))
                .expectException(PostNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aUserLikesAgainAfterUnliking() {
        fixture.given(PUBLISHED, new PostLiked(POST, OTHER, NOW), new PostUnliked(POST, OTHER))
                .when(new LikePost(POST, OTHER, NOW))
                .expectEvents(new PostLiked(POST, OTHER, NOW));
    }

    @Test
    void rejectsALikeByAUserTheAuthorBlocks() {
        blocks.block(AUTHOR, OTHER);
        fixture.given(PUBLISHED)
                .when(new LikePost(POST, OTHER, NOW))
                .expectException(BlockedException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsALikeByAUserWhoBlocksTheAuthor() {
        blocks.block(OTHER, AUTHOR);
        fixture.given(PUBLISHED)
                .when(new LikePost(POST, OTHER, NOW))
                .expectException(BlockedException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsACommentByAUserTheAuthorBlocks() {
        blocks.block(AUTHOR, OTHER);
        fixture.given(PUBLISHED)
                .when(new AddComment(POST, "c1", OTHER, "Nice", List.of(), NOW))
                .expectException(BlockedException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsACommentByAUserWhoBlocksTheAuthor() {
        blocks.block(OTHER, AUTHOR);
        fixture.given(PUBLISHED)
                .when(new AddComment(POST, "c1", OTHER, "Nice", List.of(), NOW))
                .expectException(BlockedException.class)
                .expectNoEvents();
    }

    @Test
    void aBlockBetweenOthersKeepsNobodyFromLikingOrCommenting() {
        blocks.block(THIRD, OTHER);
        fixture.given(PUBLISHED)
                .when(new AddComment(POST, "c1", OTHER, "Nice", List.of(), NOW))
                .expectEvents(COMMENTED);
    }

    @Test
    void aBlockedUserMayStillTakeBackALikeGivenBefore() {
        blocks.block(AUTHOR, OTHER);
        fixture.given(PUBLISHED, new PostLiked(POST, OTHER, NOW))
                .when(new UnlikePost(POST, OTHER))
                .expectEvents(new PostUnliked(POST, OTHER));
    }

    @Test
    void aCaptionDoesNotMentionAUserWhoBlocksTheAuthor() {
        blocks.block(OTHER, AUTHOR);
        fixture.givenNoPriorActivity()
                .when(new PublishPost(POST, AUTHOR, "With @bob and @cy", List.of("m1"), List.of(OTHER, THIRD), NOW))
                .expectEvents(
                        new PostPublished(POST, AUTHOR, "With @bob and @cy", List.of("m1"), NOW),
                        new UsersMentioned(POST, null, AUTHOR, List.of(THIRD), NOW));
    }

    @Test
    void anEditedCaptionDoesNotMentionAUserWhoBlocksTheAuthor() {
        blocks.block(OTHER, AUTHOR);
        fixture.given(PUBLISHED)
                .when(new EditCaption(POST, AUTHOR, "Hi @bob", List.of(OTHER), NOW))
                .expectEvents(new PostCaptionEdited(POST, AUTHOR, "Hi @bob"));
    }

    @Test
    void aCommentDoesNotMentionAUserWhoBlocksItsAuthor() {
        blocks.block(THIRD, OTHER);
        fixture.given(PUBLISHED)
                .when(new AddComment(POST, "c1", OTHER, "@ada and @cy", List.of(AUTHOR, THIRD), NOW))
                .expectEvents(
                        new CommentAdded(POST, "c1", OTHER, "@ada and @cy", NOW),
                        new UsersMentioned(POST, "c1", OTHER, List.of(AUTHOR), NOW));
    }
}
