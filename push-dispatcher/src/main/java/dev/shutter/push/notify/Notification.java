package dev.shutter.push.notify;

import dev.shutter.push.settings.NotificationType;
import java.time.Instant;

/**
 * One thing that happened which some users should hear about. Its id is the id of the event that caused it, so a
 * redelivered event makes the same notification.
 *
 * @param postId the post it is about, or null (a new follower)
 * @param actorName the actor's username when known
 * @param snippet an excerpt of the caption or comment, already cut short, or null
 * @param imageUrl the post's small photo, or null
 */
public record Notification(
        String id,
        NotificationType type,
        String postId,
        String actorId,
        String actorName,
        String snippet,
        String imageUrl,
        Instant at) {

    /** Pushes about the same thread replace each other on the device: five likes of one post buzz once. */
    public String collapseKey() {
        return switch (type) {
            case NEW_POST -> "post:" + postId;
            case NEW_FOLLOWER -> "follower";
            case LIKE -> "like:" + postId;
            case COMMENT -> "comment:" + postId;
            case MENTION -> "mention:" + postId;
            case FOLLOW_REQUEST -> "follow_request";
        };
    }
}
