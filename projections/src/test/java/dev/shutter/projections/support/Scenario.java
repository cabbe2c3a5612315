package dev.shutter.projections.support;

import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.post.CommentAdded;
import dev.shutter.events.post.CommentDeleted;
import dev.shutter.events.post.PostCaptionEdited;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.PostUnliked;
import dev.shutter.events.post.UsersMentioned;
import dev.shutter.events.user.DeviceRegistered;
import dev.shutter.events.user.UserRegistered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A small social history with fresh ids: alice and bob register, bob follows alice, alice posts
 * twice, bob likes and comments on the first post. Global indexes continue from a start value.
 */
public final class Scenario {

    public final String alice = UUID.randomUUID().toString();
    public final String bob = UUID.randomUUID().toString();
    public final String aliceName = "alice" + alice.substring(0, 8);
    public final String bobName = "bob" + bob.substring(0, 8);
    public final String followId = bob + ":" + alice;
    public final String firstPost = UUID.randomUUID().toString();
    public final String secondPost = UUID.randomUUID().toString();
    public final String comment = UUID.randomUUID().toString();
    public final String reply = UUID.randomUUID().toString();
    public final String thirdPost = UUID.randomUUID().toString();
    private final Instant start = Instant.parse("2024-05-01T12:00:00Z");
    private long globalIndex;

    public Scenario(long firstGlobalIndex) {
        this.globalIndex = firstGlobalIndex;
    }

    public List<StoredEvent> history() {
        List<StoredEvent> events = new ArrayList<>();
        events.add(next(
                "User", alice, 0, new UserRegistered(alice, aliceName, aliceName + "@example.com", "Alice", start)));
        events.add(next("User", bob, 0, new UserRegistered(bob, bobName, bobName + "@example.com", "Bob", start)));
        events.add(next("User", bob, 1, new DeviceRegistered(bob, "device-" + bob, "android")));
        events.add(next("Follow", followId, 0, new UserFollowed(followId, bob, alice, start.plusSeconds(60))));
        events.add(next(
                "Post",
                firstPost,
                0,
                new PostPublished(firstPost, alice, "First light", List.of("m-" + firstPost), start.plusSeconds(120))));
        events.add(next(
                "Post",
                secondPost,
                0,
                new PostPublished(secondPost, alice, "Blue hour", List.of("m-" + secondPost), start.plusSeconds(180))));
        events.add(next("Post", firstPost, 1, new PostLiked(firstPost, bob, start.plusSeconds(240))));
        events.add(next(
                "Post", firstPost, 2, new CommentAdded(firstPost, comment, bob, "Lovely", start.plusSeconds(300))));
        return events;
    }

    public StoredEvent unfollow() {
        return next("Follow", followId, 1, new UserUnfollowed(followId, bob, alice, start.plusSeconds(360)));
    }

    public StoredEvent refollow() {
        return next("Follow", followId, 2, new UserFollowed(followId, bob, alice, start.plusSeconds(420)));
    }

    public StoredEvent captionEdit() {
        return next("Post", firstPost, 3, new PostCaptionEdited(firstPost, alice, "First light, edited"));
    }

    public StoredEvent secondPostDeleted() {
        return next("Post", secondPost, 1, new PostDeleted(secondPost, alice, start.plusSeconds(480)));
    }

    /**
     * Engagement after {@link #history()} (and, if wanted, {@link #captionEdit()}): alice mentions bob
     * and tags the first post #golden, bob unlikes and likes again and alice likes her own post, alice
     * replies mentioning bob and deletes bob's comment; a third post tagged #golden is published and
     * deleted. The first post ends with 2 likes, 1 comment, tags [golden] and bob mentioned.
     */
    public List<StoredEvent> engagement() {
        List<StoredEvent> events = new ArrayList<>();
        events.add(
                next("Post", firstPost, 4, new PostCaptionEdited(firstPost, alice, "First light #Golden @" + bobName)));
        events.add(next(
                "Post",
                firstPost,
                5,
                new UsersMentioned(firstPost, null, alice, List.of(bob), start.plusSeconds(500))));
        events.add(next("Post", firstPost, 6, new PostUnliked(firstPost, bob)));
        events.add(next("Post", firstPost, 7, new PostLiked(firstPost, alice, start.plusSeconds(510))));
        events.add(next("Post", firstPost, 8, new PostLiked(firstPost, bob, start.plusSeconds(520))));
        events.add(next(
                "Post",
                firstPost,
                9,
                new CommentAdded(
                        firstPost, reply, alice, "Thanks @" + bobName + " #grateful", start.plusSeconds(530))));
        events.add(next(
                "Post",
                firstPost,
                10,
                new UsersMentioned(firstPost, reply, alice, List.of(bob), start.plusSeconds(530))));
        events.add(next("Post", firstPost, 11, new CommentDeleted(firstPost, comment, bob)));
        events.add(next(
                "Post",
                thirdPost,
                0,
                new PostPublished(
                        thirdPost, alice, "Gone soon #golden", List.of("m-" + thirdPost), start.plusSeconds(540))));
        events.add(next("Post", thirdPost, 1, new PostDeleted(thirdPost, alice, start.plusSeconds(550))));
        return events;
    }

    public StoredEvent registration(String userId, String username) {
        return next(
                "User", userId, 0, new UserRegistered(userId, username, username + "@example.com", username, start));
    }

    private StoredEvent next(String aggregateType, String aggregateId, long sequence, Record payload) {
        return StoredEvent.of(globalIndex++, aggregateType, aggregateId, sequence, payload);
    }
}
