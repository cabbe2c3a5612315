package dev.shutter.query.post;

import static dev.shutter.query.config.Documents.instant;
import static dev.shutter.query.config.Documents.strings;

import com.mongodb.client.model.Filters;
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

/** Reads of {@code comments_g<N>} in the {@code posts} view, newest first, deleted comments hidden. */
@Component
class Comments {

    private final ReadModels readModels;

    Comments(ReadModels readModels) {
        this.readModels = readModels;
    }

    /**
     * Up to {@code limit + 1} comments, the extra one only telling whether another page exists; those of the
     * excluded authors left out.
     */
    List<Comment> onPost(String postId, PageRequest page, Collection<String> excludedAuthors) {
        List<Bson> conditions = new ArrayList<>(List.of(Filters.eq("postId", postId), Filters.ne("deleted", true)));
        if (!excludedAuthors.isEmpty()) {
            conditions.add(Filters.nin("authorId", excludedAuthors));
        }
        if (!page.firstPage()) {
            conditions.add(Keyset.after(
                    "createdAt", "_id", page.after().at(), page.after().id()));
        }
        List<Comment> comments = new ArrayList<>();
        readModels
                .collection(View.POSTS, "comments")
                .find(Filters.and(conditions))
                .sort(Keyset.newestFirst("createdAt", "_id"))
                .limit(page.limit() + 1)
                .forEach(comment -> comments.add(new Comment(
                        comment.getString("_id"),
                        comment.getString("authorId"),
                        comment.getString("text"),
                        strings(comment, "hashtags"),
                        strings(comment, "mentionedUserIds"),
                        instant(comment, "createdAt"))));
        return comments;
    }

    record Comment(
            String id,
            String authorId,
            String text,
            List<String> hashtags,
            List<String> mentionedUserIds,
            Instant createdAt) {

        Cursor cursor() {
            return new Cursor(createdAt, id);
        }
    }
}
