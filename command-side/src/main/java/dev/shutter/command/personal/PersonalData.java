package dev.shutter.command.personal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Everything Shutter holds about one user, as {@code GET /api/users/me/export} answers it: what the source of truth
 * holds, and the notification settings and inbox push-dispatcher keeps. Deleted posts and comments are listed with the
 * time of their deletion: the event store still holds what they said.
 */
record PersonalData(
        Instant exportedAt,
        Account account,
        Profile profile,
        List<Username> usernames,
        List<Device> devices,
        List<Instant> signIns,
        List<Relation> following,
        List<Relation> followers,
        List<Relation> followRequestsSent,
        List<Relation> followRequestsReceived,
        List<Relation> blocked,
        List<Post> posts,
        List<Comment> comments,
        List<Like> likes,
        List<Media> media,
        JsonNode notificationSettings,
        List<JsonNode> notifications) {

    record Account(String id, String username, String email, Instant createdAt) {}

    record Profile(String displayName, String bio, String avatarMediaId, boolean privateAccount) {}

    /** A username the user has had, from when. */
    record Username(String username, Instant since) {}

    record Device(String token, String platform) {}

    /** Another user and since when the relation holds. */
    record Relation(String userId, Instant since) {}

    record Post(String id, String caption, List<String> mediaIds, Instant publishedAt, Instant deletedAt) {}

    record Comment(String postId, String id, String text, Instant addedAt, Instant deletedAt) {}

    record Like(String postId, Instant likedAt) {}

    record Media(String id, String state, Instant storedAt) {}
}
