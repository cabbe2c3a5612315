package dev.shutter.command.post;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.shutter.events.post.CommentAdded;
import dev.shutter.events.post.CommentDeleted;
import dev.shutter.events.post.PostCaptionEdited;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.PostUnliked;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A published post with its likes and comments. A deleted post accepts nothing more. */
@Aggregate
class Post {

    @AggregateIdentifier
    private String postId;

    private String authorId;
    private boolean deleted;
    private final Set<String> likers = new HashSet<>();
    private final Map<String, String> commentAuthors = new HashMap<>();

    Post() {}

    @CommandHandler
    Post(PublishPost command) {
        apply(new PostPublished(
                command.postId(), command.authorId(), command.caption(), command.mediaIds(), command.at()));
    }

    @CommandHandler
    void handle(EditCaption command) {
        requireLive();
        requireAuthor(command.editorId(), "Only the author may edit the caption.");
        apply(new PostCaptionEdited(postId, authorId, command.caption()));
    }

    @CommandHandler
    void handle(DeletePost command) {
        requireLive();
        requireAuthor(command.requesterId(), "Only the author may delete the post.");
        apply(new PostDeleted(postId, authorId, command.at()));
    }

    @CommandHandler
    void handle(LikePost command) {
        requireLive();
        if (likers.contains(command.userId())) {
            return;
        }
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
    void handle(AddComment command) {
        requireLive();
        apply(new CommentAdded(postId, command.commentId(), command.authorId(), command.text(), command.at()));
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

    private void requireLive() {
        if (deleted) {
            throw new PostNotFoundException(postId);
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
