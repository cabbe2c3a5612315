package dev.shutter.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bson.Document;

/**
 * Writes read-model documents exactly as projections does (the schema of the contract), into the generation that
 * {@code view_state} names at the time of writing.
 */
final class ReadModelFixtures {

    private final MongoClient mongo;

    ReadModelFixtures(MongoClient mongo) {
        this.mongo = mongo;
    }

    void viewState(String view, int generation) {
        Document state = new Document("_id", view)
                .append("generation", generation)
                .append("state", "live")
                .append("eventsApplied", 0L)
                .append("lastGlobalIndex", 0L);
        mongo.getDatabase(view)
                .getCollection("view_state")
                .replaceOne(Filters.eq("_id", view), state, new ReplaceOptions().upsert(true));
    }

    int generation(String view) {
        Document state = mongo.getDatabase(view)
                .getCollection("view_state")
                .find(Filters.eq("_id", view))
                .first();
        return state == null ? 1 : state.getInteger("generation");
    }

    void user(
            String id,
            String username,
            String displayName,
            String avatarMediaId,
            int followers,
            int following,
            int posts) {
        insert(
                "profiles",
                "users",
                new Document("_id", id)
                        .append("username", username)
                        .append("usernameLower", username.toLowerCase())
                        .append("displayName", displayName)
                        .append("displayNameKeys", displayNameKeys(displayName))
                        .append("bio", "Bio of " + displayName)
                        .append("avatarMediaId", avatarMediaId)
                        .append("followerCount", followers)
                        .append("followingCount", (long) following)
                        .append("postCount", posts)
                        .append("registeredAt", new Date())
                        .append("seq", 3L));
    }

    /** The accent-free forms of a display name that projections stores for user search. */
    static List<String> displayNameKeys(String displayName) {
        String folded = Normalizer.normalize(displayName, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .strip()
                .replaceAll("\\s+", " ");
        Set<String> keys = new LinkedHashSet<>();
        keys.add(folded);
        keys.addAll(List.of(folded.split(" ")));
        return List.copyOf(keys);
    }

    void user(String id, String username) {
        user(id, username, "Display " + username, null, 0, 0, 0);
    }

    void follow(String followerId, String followeeId, Instant since, boolean active) {
        insert(
                "social",
                "follows",
                new Document("_id", followerId + ":" + followeeId)
                        .append("followerId", followerId)
                        .append("followeeId", followeeId)
                        .append("active", active)
                        .append("since", Date.from(since))
                        .append("seq", active ? 0L : 1L));
    }

    /** A pending follow request, as projections keeps it in {@code follows}. */
    void followRequest(String followerId, String followeeId, Instant requestedAt) {
        insert(
                "social",
                "follows",
                new Document("_id", followerId + ":" + followeeId)
                        .append("followerId", followerId)
                        .append("followeeId", followeeId)
                        .append("active", false)
                        .append("pending", true)
                        .append("requestedAt", Date.from(requestedAt))
                        .append("seq", 0L));
    }

    void privateAccount(String userId, boolean privateAccount) {
        insert(
                "social",
                "privacy",
                new Document("_id", userId)
                        .append("privateAccount", privateAccount)
                        .append("seq", 1L));
    }

    void block(String blockerId, String blockedId, Instant since, boolean active) {
        insert(
                "social",
                "blocks",
                new Document("_id", "block-" + blockerId + ":" + blockedId)
                        .append("blockerId", blockerId)
                        .append("blockedId", blockedId)
                        .append("active", active)
                        .append("since", Date.from(since))
                        .append("seq", active ? 0L : 1L));
    }

    /**
     * A home timeline in the one-document-per-user layout: entries newest first; the accounts followed are one {@code
     * followerEdges} document each.
     */
    void home(String ownerId, List<String> following, List<Document> entries) {
        var timelines = mongo.getDatabase("timelines");
        int generation = generation("timelines");
        timelines
                .getCollection("homes_g" + generation)
                .replaceOne(
                        Filters.eq("_id", ownerId),
                        new Document("_id", ownerId).append("entries", entries).append("n", entries.size()),
                        new ReplaceOptions().upsert(true));
        for (String followeeId : following) {
            String id = followeeId + "/" + ownerId;
            timelines
                    .getCollection("followerEdges_g" + generation)
                    .replaceOne(
                            Filters.eq("_id", id),
                            new Document("_id", id)
                                    .append("followeeId", followeeId)
                                    .append("followerId", ownerId),
                            new ReplaceOptions().upsert(true));
        }
    }

    /** An author's own timeline: one {@code posts} document per post of theirs (given as timeline entries). */
    void authorTimeline(String authorId, List<Document> posts) {
        for (Document post : posts) {
            mongo.getDatabase("timelines")
                    .getCollection("posts_g" + generation("timelines"))
                    .replaceOne(
                            Filters.eq("_id", post.getString("p")),
                            new Document("_id", post.getString("p"))
                                    .append("authorId", authorId)
                                    .append("createdAt", post.get("t"))
                                    .append("deleted", false)
                                    .append("seq", 0L),
                            new ReplaceOptions().upsert(true));
        }
    }

    /** A timeline entry of the one-document-per-user layout. */
    static Document entry(String postId, String authorId, Instant createdAt) {
        return new Document("p", postId).append("a", authorId).append("t", Date.from(createdAt));
    }

    void post(String postId, String authorId, String caption, List<String> mediaIds, Instant createdAt) {
        postInGeneration(generation("posts"), postId, authorId, caption, mediaIds, createdAt, false);
    }

    /** A post with the hashtags projections derives from its caption and the users it mentioned. */
    void taggedPost(
            String postId,
            String authorId,
            String caption,
            List<String> hashtags,
            List<String> mentionedUserIds,
            Instant createdAt,
            boolean deleted) {
        insert(
                "posts",
                "posts",
                new Document("_id", postId)
                        .append("authorId", authorId)
                        .append("caption", caption)
                        .append("hashtags", hashtags)
                        .append("mentionedUserIds", mentionedUserIds)
                        .append("mediaIds", List.of("m-" + postId))
                        .append("createdAt", Date.from(createdAt))
                        .append("deleted", deleted)
                        .append("likeCount", 1L)
                        .append("commentCount", 0L)
                        .append("seq", 2L));
    }

    void deletedPost(String postId, String authorId, Instant createdAt) {
        postInGeneration(generation("posts"), postId, authorId, "gone", List.of("m-" + postId), createdAt, true);
    }

    void postInGeneration(
            int generation,
            String postId,
            String authorId,
            String caption,
            List<String> mediaIds,
            Instant createdAt,
            boolean deleted) {
        mongo.getDatabase("posts")
                .getCollection("posts_g" + generation)
                .insertOne(new Document("_id", postId)
                        .append("authorId", authorId)
                        .append("caption", caption)
                        .append("mediaIds", mediaIds)
                        .append("createdAt", Date.from(createdAt))
                        .append("deleted", deleted)
                        .append("likeCount", 2)
                        .append("commentCount", 3L)
                        .append("seq", deleted ? 1L : 0L));
    }

    void like(String postId, String userId, boolean active) {
        like(postId, userId, active, Instant.now());
    }

    void like(String postId, String userId, boolean active, Instant likedAt) {
        insert(
                "posts",
                "likes",
                new Document("_id", postId + ":" + userId)
                        .append("postId", postId)
                        .append("userId", userId)
                        .append("active", active)
                        .append("likedAt", Date.from(likedAt))
                        .append("seq", 1L));
    }

    void comment(String commentId, String postId, String authorId, String text, Instant createdAt, boolean deleted) {
        insert(
                "posts",
                "comments",
                new Document("_id", commentId)
                        .append("postId", postId)
                        .append("authorId", authorId)
                        .append("text", text)
                        .append("createdAt", Date.from(createdAt))
                        .append("deleted", deleted));
    }

    void comment(
            String commentId,
            String postId,
            String authorId,
            String text,
            List<String> hashtags,
            List<String> mentionedUserIds,
            Instant createdAt) {
        insert(
                "posts",
                "comments",
                new Document("_id", commentId)
                        .append("postId", postId)
                        .append("authorId", authorId)
                        .append("text", text)
                        .append("hashtags", hashtags)
                        .append("mentionedUserIds", mentionedUserIds)
                        .append("createdAt", Date.from(createdAt))
                        .append("deleted", false));
    }

    void homeEntry(String ownerId, String postId, String authorId, Instant createdAt) {
        homeEntryInGeneration(generation("timelines"), ownerId, postId, authorId, createdAt);
    }

    void homeEntryInGeneration(int generation, String ownerId, String postId, String authorId, Instant createdAt) {
        mongo.getDatabase("timelines")
                .getCollection("home_g" + generation)
                .insertOne(new Document("_id", ownerId + ":" + postId)
                        .append("ownerId", ownerId)
                        .append("postId", postId)
                        .append("authorId", authorId)
                        .append("createdAt", Date.from(createdAt)));
    }

    void userEntry(String postId, String authorId, Instant createdAt) {
        insert(
                "timelines",
                "user",
                new Document("_id", postId).append("authorId", authorId).append("createdAt", Date.from(createdAt)));
    }

    private void insert(String view, String collection, Document document) {
        MongoDatabase database = mongo.getDatabase(view);
        database.getCollection(collection + "_g" + generation(view)).insertOne(document);
    }
}
