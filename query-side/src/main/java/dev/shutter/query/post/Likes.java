package dev.shutter.query.post;

import static dev.shutter.query.config.Documents.instant;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.shutter.query.config.Keyset;
import dev.shutter.query.config.ReadModels;
import dev.shutter.query.config.View;
import dev.shutter.query.web.Cursor;
import dev.shutter.query.web.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/** Reads of {@code likes_g<N>} in the {@code posts} view: who likes a post now, newest like first. */
@Component
class Likes {

    private final ReadModels readModels;

    Likes(ReadModels readModels) {
        this.readModels = readModels;
    }

    /**
     * Up to {@code limit + 1} current likes, the extra one only telling whether another page exists; those of the
     * excluded users left out.
     */
    List<Like> ofPost(String postId, PageRequest page, Collection<String> excludedUsers) {
        List<Bson> conditions = new ArrayList<>(List.of(Filters.eq("postId", postId), Filters.eq("active", true)));
        if (!excludedUsers.isEmpty()) {
            conditions.add(Filters.nin("userId", excludedUsers));
        }
        if (!page.firstPage()) {
            conditions.add(Keyset.after(
                    "likedAt", "_id", page.after().at(), page.after().id()));
        }
        List<Like> likes = new ArrayList<>();
        readModels
                .collection(View.POSTS, "likes")
                .find(Filters.and(conditions))
                .projection(Projections.include("userId", "likedAt"))
                .sort(Keyset.newestFirst("likedAt", "_id"))
                .limit(page.limit() + 1)
                .forEach(like ->
                        likes.add(new Like(like.getString("_id"), like.getString("userId"), instant(like, "likedAt"))));
        return likes;
    }

    record Like(String id, String userId, Instant likedAt) {

        Cursor cursor() {
            return new Cursor(likedAt, id);
        }
    }
}
