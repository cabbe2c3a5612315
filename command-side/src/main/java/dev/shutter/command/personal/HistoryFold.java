package dev.shutter.command.personal;

import dev.shutter.command.personal.PersonalData.Comment;
import dev.shutter.command.personal.PersonalData.Device;
import dev.shutter.command.personal.PersonalData.Like;
import dev.shutter.command.personal.PersonalData.Post;
import dev.shutter.command.personal.PersonalData.Profile;
import dev.shutter.command.personal.PersonalData.Relation;
import dev.shutter.command.personal.PersonalData.Username;
import dev.shutter.command.personal.PersonalHistory.StoredEvent;
import dev.shutter.events.block.UserBlocked;
import dev.shutter.events.block.UserUnblocked;
import dev.shutter.events.follow.FollowRequestDeclined;
import dev.shutter.events.follow.FollowRequestWithdrawn;
import dev.shutter.events.follow.FollowRequested;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.post.CommentAdded;
import dev.shutter.events.post.CommentDeleted;
import dev.shutter.events.post.PostCaptionEdited;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.PostUnliked;
import dev.shutter.events.user.AccountPrivacyChanged;
import dev.shutter.events.user.DeviceRegistered;
import dev.shutter.events.user.DeviceRemoved;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UserSignedIn;
import dev.shutter.events.user.UsernameChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a user's history, oldest event first, into the state the export shows. Events name other users too (a
 * follow has two sides, a like names the post's author nowhere but a comment's post is someone's): each one counts
 * only for the side that is this user.
 */
final class HistoryFold {

    private final String userId;
    private String displayName;
    private String bio;
    private String avatarMediaId;
    private boolean privateAccount;
    private final List<Username> usernames = new ArrayList<>();
    private final Map<String, String> platformByToken = new LinkedHashMap<>();
    private final List<Instant> signIns = new ArrayList<>();
    private final Map<String, Instant> following = new LinkedHashMap<>();
    private final Map<String, Instant> followers = new LinkedHashMap<>();
    private final Map<String, Instant> requestsSent = new LinkedHashMap<>();
    private final Map<String, Instant> requestsReceived = new LinkedHashMap<>();
    private final Map<String, Instant> blocked = new LinkedHashMap<>();
    private final Map<String, Post> posts = new LinkedHashMap<>();
    private final Map<String, Comment> comments = new LinkedHashMap<>();
    private final Map<String, Instant> likes = new LinkedHashMap<>();

    HistoryFold(String userId) {
        this.userId = userId;
    }

    HistoryFold apply(List<StoredEvent> history) {
        history.forEach(event -> apply(event.payload(), event.storedAt()));
        return this;
    }

    Profile profile() {
        return new Profile(displayName, bio, avatarMediaId, privateAccount);
    }

    List<Username> usernames() {
        return List.copyOf(usernames);
    }

    List<Device> devices() {
        return platformByToken.entrySet().stream()
                .map(device -> new Device(device.getKey(), device.getValue()))
                .toList();
    }

    List<Instant> signIns() {
        return List.copyOf(signIns);
    }

    List<Relation> following() {
        return relations(following);
    }

    List<Relation> followers() {
        return relations(followers);
    }

    List<Relation> followRequestsSent() {
        return relations(requestsSent);
    }

    List<Relation> followRequestsReceived() {
        return relations(requestsReceived);
    }

    List<Relation> blocked() {
        return relations(blocked);
    }

    List<Post> posts() {
        return List.copyOf(posts.values());
    }

    List<Comment> comments() {
        return List.copyOf(comments.values());
    }

    List<Like> likes() {
        return likes.entrySet().stream()
                .map(like -> new Like(like.getKey(), like.getValue()))
                .toList();
    }

    private void apply(Object event, Instant storedAt) {
        if (event instanceof UserRegistered registered && mine(registered.userId())) {
            displayName = registered.displayName();
            usernames.add(new Username(registered.username(), registered.registeredAt()));
        } else if (event instanceof UsernameChanged changed && mine(changed.userId())) {
            usernames.add(new Username(changed.username(), changed.changedAt()));
        } else if (event instanceof ProfileUpdated updated && mine(updated.userId())) {
            displayName = updated.displayName();
            bio = updated.bio();
            avatarMediaId = updated.avatarMediaId();
        } else if (event instanceof AccountPrivacyChanged changed && mine(changed.userId())) {
            privateAccount = changed.privateAccount();
        } else if (event instanceof DeviceRegistered device && mine(device.userId())) {
            platformByToken.put(device.token(), device.platform());
        } else if (event instanceof DeviceRemoved device && mine(device.userId())) {
            platformByToken.remove(device.token());
        } else if (event instanceof UserSignedIn signIn && mine(signIn.userId())) {
            signIns.add(signIn.signedInAt());
        } else if (event instanceof UserFollowed followed) {
            forgetRequest(followed.followerId(), followed.followeeId());
            relate(following, followers, followed.followerId(), followed.followeeId(), followed.followedAt());
        } else if (event instanceof UserUnfollowed unfollowed) {
            relate(following, followers, unfollowed.followerId(), unfollowed.followeeId(), null);
        } else if (event instanceof FollowRequested requested) {
            relate(
                    requestsSent,
                    requestsReceived,
                    requested.followerId(),
                    requested.followeeId(),
                    requested.requestedAt());
        } else if (event instanceof FollowRequestDeclined declined) {
            forgetRequest(declined.followerId(), declined.followeeId());
        } else if (event instanceof FollowRequestWithdrawn withdrawn) {
            forgetRequest(withdrawn.followerId(), withdrawn.followeeId());
        } else if (event instanceof UserBlocked block && mine(block.blockerId())) {
            blocked.put(block.blockedId(), block.blockedAt());
        } else if (event instanceof UserUnblocked unblock && mine(unblock.blockerId())) {
            blocked.remove(unblock.blockedId());
        } else {
            applyContent(event, storedAt);
        }
    }

    private void applyContent(Object event, Instant storedAt) {
        if (event instanceof PostPublished post && mine(post.authorId())) {
            posts.put(
                    post.postId(), new Post(post.postId(), post.caption(), post.mediaIds(), post.publishedAt(), null));
        } else if (event instanceof PostCaptionEdited edited) {
            posts.computeIfPresent(
                    edited.postId(),
                    (id, post) -> new Post(id, edited.caption(), post.mediaIds(), post.publishedAt(), null));
        } else if (event instanceof PostDeleted deleted) {
            posts.computeIfPresent(
                    deleted.postId(),
                    (id, post) ->
                            new Post(id, post.caption(), post.mediaIds(), post.publishedAt(), deleted.deletedAt()));
        } else if (event instanceof CommentAdded comment && mine(comment.authorId())) {
            comments.put(
                    comment.commentId(),
                    new Comment(comment.postId(), comment.commentId(), comment.text(), comment.addedAt(), null));
        } else if (event instanceof CommentDeleted deleted) {
            comments.computeIfPresent(
                    deleted.commentId(),
                    (id, comment) -> new Comment(comment.postId(), id, comment.text(), comment.addedAt(), storedAt));
        } else if (event instanceof PostLiked like && mine(like.userId())) {
            likes.putIfAbsent(like.postId(), like.likedAt());
        } else if (event instanceof PostUnliked unlike && mine(unlike.userId())) {
            likes.remove(unlike.postId());
        }
    }

    /**
     * Records (or, with no {@code since}, ends) a directed relation from {@code from} to {@code to} on whichever side
     * is this user: an outgoing one in {@code outgoing}, an incoming one in {@code incoming}.
     */
    private void relate(
            Map<String, Instant> outgoing, Map<String, Instant> incoming, String from, String to, Instant since) {
        if (mine(from)) {
            put(outgoing, to, since);
        } else if (mine(to)) {
            put(incoming, from, since);
        }
    }

    private static void put(Map<String, Instant> relations, String userId, Instant since) {
        if (since == null) {
            relations.remove(userId);
        } else {
            relations.put(userId, since);
        }
    }

    private void forgetRequest(String followerId, String followeeId) {
        relate(requestsSent, requestsReceived, followerId, followeeId, null);
    }

    private boolean mine(String id) {
        return userId.equals(id);
    }

    private static List<Relation> relations(Map<String, Instant> since) {
        return since.entrySet().stream()
                .map(relation -> new Relation(relation.getKey(), relation.getValue()))
                .toList();
    }
}
