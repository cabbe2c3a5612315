package dev.shutter.push.notify;

import dev.shutter.events.follow.FollowRequested;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.post.CommentAdded;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.UsersMentioned;
import dev.shutter.push.follow.FollowEdges;
import dev.shutter.push.post.Posts;
import dev.shutter.push.settings.NotificationType;
import dev.shutter.push.text.Texts;
import dev.shutter.push.user.Users;
import dev.shutter.push.wire.LiveEvent;
import dev.shutter.push.wire.LiveEventHandler;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Decides who hears about what: followers about a new post, a user about a new follower or a follow request, a
 * post's author about likes and comments, mentioned users about mentions. It runs after the read model took the event in, and only ever sees
 * live deliveries ({@link LiveEvent}), never a replay of past events. A caption or comment that arrives erased (null:
 * its author deleted the account and their key is gone before the event was relayed) notifies nobody, and neither
 * does anything a deleted account did.
 */
@Component
class NotificationTriggers implements LiveEventHandler {

    private final FollowEdges follows;
    private final Posts posts;
    private final Users users;
    private final MediaUrls media;
    private final FanOut fanOut;

    NotificationTriggers(FollowEdges follows, Posts posts, Users users, MediaUrls media, FanOut fanOut) {
        this.follows = follows;
        this.posts = posts;
        this.users = users;
        this.media = media;
        this.fanOut = fanOut;
    }

    @Override
    public void on(LiveEvent event) {
        Object payload = event.payload();
        if (payload instanceof PostPublished post && post.caption() != null) {
            String mediaId = post.mediaIds() == null || post.mediaIds().isEmpty()
                    ? null
                    : post.mediaIds().get(0);
            Notification notification = notification(
                    event,
                    NotificationType.NEW_POST,
                    post.postId(),
                    post.authorId(),
                    Texts.snippet(post.caption()),
                    media.small(mediaId),
                    post.publishedAt());
            fanOut.send(notification, follows.activeFollowersOf(post.authorId()));
        } else if (payload instanceof UserFollowed followed) {
            if (follows.isActive(followed.followId())) {
                fanOut.send(
                        notification(
                                event,
                                NotificationType.NEW_FOLLOWER,
                                null,
                                followed.followerId(),
                                null,
                                null,
                                followed.followedAt()),
                        List.of(followed.followeeId()));
            }
        } else if (payload instanceof FollowRequested requested) {
            if (follows.isRequested(requested.followId())) {
                fanOut.send(
                        notification(
                                event,
                                NotificationType.FOLLOW_REQUEST,
                                null,
                                requested.followerId(),
                                null,
                                null,
                                requested.requestedAt()),
                        List.of(requested.followeeId()));
            }
        } else if (payload instanceof PostLiked liked) {
            aboutPost(event, NotificationType.LIKE, liked.postId(), liked.userId(), null, liked.likedAt());
        } else if (payload instanceof CommentAdded comment && comment.text() != null) {
            aboutPost(
                    event,
                    NotificationType.COMMENT,
                    comment.postId(),
                    comment.authorId(),
                    Texts.snippet(comment.text()),
                    comment.addedAt());
        } else if (payload instanceof UsersMentioned mentioned && mentioned.mentionedUserIds() != null) {
            posts.find(mentioned.postId())
                    .ifPresent(post -> fanOut.send(
                            notification(
                                    event,
                                    NotificationType.MENTION,
                                    post.postId(),
                                    mentioned.actorId(),
                                    null,
                                    media.small(post.mediaId()),
                                    mentioned.mentionedAt()),
                            mentioned.mentionedUserIds()));
        }
    }

    /** A like or a comment: the post's author hears of it, unless the post is gone. */
    private void aboutPost(
            LiveEvent event, NotificationType type, String postId, String actorId, String snippet, Instant at) {
        posts.find(postId)
                .ifPresent(post -> fanOut.send(
                        notification(event, type, postId, actorId, snippet, media.small(post.mediaId()), at),
                        List.of(post.authorId())));
    }

    private Notification notification(
            LiveEvent event,
            NotificationType type,
            String postId,
            String actorId,
            String snippet,
            String imageUrl,
            Instant at) {
        return new Notification(
                event.eventId(),
                type,
                postId,
                actorId,
                users.usernameOf(actorId).orElse(null),
                snippet,
                imageUrl,
                at == null ? Instant.now() : at);
    }
}
