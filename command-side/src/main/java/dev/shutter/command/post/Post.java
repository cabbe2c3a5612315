package dev.shutter.command.post;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.shutter.command.block.BlockList;
import dev.shutter.command.block.BlockedException;
import dev.shutter.events.post.CommentAdded;
import dev.shutter.events.post.CommentDeleted;
import dev.shutter.events.post.PostCaptionEdited;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.PostUnliked;
import dev.shutter.events.post.UsersMentioned;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A published post with its likes and comments. A deleted post accepts nothing more. Users a text
 * mentions hear of it once: nobody mentions themself, and an edited caption mentions only the users
 * no earlier caption of the post mentioned. A block keeps two users apart: neither likes or comments on
 * the other's posts, and a user who blocks the writer of a text is not mentioned by it.
 */
@Aggregate
class Post {

    @AggregateIdentifier
    private String postId;

    private String authorId;
    private String caption;
    private boolean deleted;
    private final Set<String> likers = new HashSet<>();
    private final Map<String, String> commentAuthors = new HashMap<>();
    private final Set<String> mentionedByCaption = new HashSet<>();

    Post() {}

    @CommandHandler
    Post(PublishPost command, BlockList blocks) {
        apply(new PostPublished(
                command.postId(), command.authorId(), command.caption(), command.mediaIds(), command.at()));
        // Events applied in a constructor reach the handlers only after it returns: postId is not set yet.
        mention(command.postId(), null, command.authorId(), command.mentionedUserIds(), command.at(), blocks);
    }

    @CommandHandler
    void handle(EditCaption command, BlockList blocks) {
        requireLive();
        requireAuthor(command.editorId(), "Only the author may edit the caption.");
        if (Objects.equals(caption, command.caption())) {
            return;
        }
        apply(new PostCaptionEdited(postId, authorId, command.caption()));
        mention(postId, null, authorId, command.mentionedUserIds(), command.at(), blocks);
    }

    @CommandHandler
    void handle(DeletePost command) {
        requireLive();
        requireAuthor(command.requesterId(), "Only the author may delete the post.");
        apply(new PostDeleted(postId, authorId, command.at()));
    }

    @CommandHandler
    void handle(LikePost command, BlockList blocks) {
        requireLive();
        if (likers.contains(command.userId())) {
            return;
        }
        requireNoBlockWithAuthor(command.userId(), blocks);
        apply(new PostLiked(postId, command.userId(), command.at()));
    }

    @CommandHandler
    void handle(UnlikePost command) {
        requireLive();
        if (!likers.contains(command.userId())) {
            return;
        }
        apply(new PostUnliked(postId, command.userId()));
    }

    @CommandHandler
    void handle(AddComment command, BlockList blocks) {
        requireLive();
        requireNoBlockWithAuthor(command.authorId(), blocks);
        apply(new CommentAdded(postId, command.commentId(), command.authorId(), command.text(), command.at()));
        mention(postId, command.commentId(), command.authorId(), command.mentionedUserIds(), command.at(), blocks);
    }

    @CommandHandler
    void handle(DeleteComment command) {
        requireLive();
        String commentAuthor = commentAuthors.get(command.commentId());
        if (commentAuthor == null) {
            throw new CommentNotFoundException(command.commentId());
        }
        if (!command.requesterId().equals(commentAuthor)
                && !command.requesterId().equals(authorId)) {
            throw new NotYoursException("Only the comment's author or the post's author may delete the comment.");
        }
        apply(new CommentDeleted(postId, command.commentId(), commentAuthor));
    }

    /**
     * Tells the mentioned users, leaving out the actor, those who block the actor and, for a caption, those told
     * before.
     */
    private void mention(
            String postId, String commentId, String actorId, List<String> userIds, Instant at, BlockList blocks) {
        if (userIds == null || userIds.isEmpty()) {
            return;
        }
        Set<String> blockers = blocks.blockersOf(actorId, userIds);
        List<String> told = userIds.stream()
                .filter(userId -> !userId.equals(actorId))
                .filter(userId -> !blockers.contains(userId))
                .filter(userId -> commentId != null || !mentionedByCaption.contains(userId))
                .distinct()
                .toList();
        if (!told.isEmpty()) {
            apply(new UsersMentioned(postId, commentId, actorId, told, at));
        }
    }

    private void requireLive() {
        if (deleted) {
            throw new PostNotFoundException(postId);
        }
    }

    private void requireNoBlockWithAuthor(String userId, BlockList blocks) {
        if (blocks.eitherBlocks(userId, authorId)) {
            throw new BlockedException();
        }
    }

    private void requireAuthor(String userId, String refusal) {
        if (!authorId.equals(userId)) {
            throw new NotYoursException(refusal);
        }
    }

    @EventSourcingHandler
    void on(PostPublished event) {
        postId = event.postId();
        authorId = event.authorId();
        caption = event.caption();
    }

    @EventSourcingHandler
    void on(PostCaptionEdited event) {
        caption = event.caption();
    }

    @EventSourcingHandler
    void on(UsersMentioned event) {
        if (event.commentId() == null) {
            mentionedByCaption.addAll(event.mentionedUserIds());
        }
    }

    @EventSourcingHandler
    void on(PostDeleted event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(PostLiked event) {
        likers.add(event.userId());
    }

    @EventSourcingHandler
    void on(PostUnliked event) {
        likers.remove(event.userId());
    }

    @EventSourcingHandler
    void on(CommentAdded event) {
        commentAuthors.put(event.commentId(), event.authorId());
    }

    @EventSourcingHandler
    void on(CommentDeleted event) {
        commentAuthors.remove(event.commentId());
    }
}
