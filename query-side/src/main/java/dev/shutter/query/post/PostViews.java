package dev.shutter.query.post;

import static dev.shutter.query.config.Documents.count;
import static dev.shutter.query.config.Documents.instant;
import static dev.shutter.query.config.Documents.strings;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.shutter.query.config.ReadModels;
import dev.shutter.query.config.View;
import dev.shutter.query.user.Profiles;
import dev.shutter.query.user.UserSummary;
import dev.shutter.query.web.MediaUrls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Assembles post views from the {@code posts} view ({@code posts_g<N>}, {@code likes_g<N>}) and the authors and
 * mentioned users from {@code profiles}: three queries for any number of posts, never one per post.
 */
@Component
public class PostViews {

    private final ReadModels readModels;
    private final Profiles profiles;
    private final MediaUrls mediaUrls;

    PostViews(ReadModels readModels, Profiles profiles, MediaUrls mediaUrls) {
        this.readModels = readModels;
        this.profiles = profiles;
        this.mediaUrls = mediaUrls;
    }

    /**
     * The views of those posts in the given order, as {@code viewerId} sees them. Posts deleted (or not yet in the
     * posts view) are left out.
     */
    public List<PostView> inOrder(List<String> postIds, String viewerId) {
        if (postIds.isEmpty()) {
            return List.of();
        }
        Map<String, Document> posts = new HashMap<>();
        readModels
                .collection(View.POSTS, "posts")
                .find(Filters.and(Filters.in("_id", postIds), Filters.ne("deleted", true)))
                .forEach(post -> posts.put(post.getString("_id"), post));
        List<Document> found =
                postIds.stream().filter(posts::containsKey).map(posts::get).toList();
        return views(found, viewerId);
    }

    /** The views of post documents already read from the current generation, in their order: two more queries. */
    List<PostView> views(List<Document> posts, String viewerId) {
        if (posts.isEmpty()) {
            return List.of();
        }
        List<String> userIds = new ArrayList<>();
        posts.forEach(post -> {
            userIds.add(post.getString("authorId"));
            userIds.addAll(strings(post, "mentionedUserIds"));
        });
        Map<String, UserSummary> users = profiles.summaries(userIds);
        Set<String> liked = likedBy(
                viewerId, posts.stream().map(post -> post.getString("_id")).toList());
        return posts.stream().map(post -> view(post, users, liked)).toList();
    }

    Optional<PostView> one(String postId, String viewerId) {
        return inOrder(List.of(postId), viewerId).stream().findFirst();
    }

    /** Whether the post exists and was not deleted. */
    boolean visible(String postId) {
        return readModels
                        .collection(View.POSTS, "posts")
                        .find(Filters.and(Filters.eq("_id", postId), Filters.ne("deleted", true)))
                        .projection(Projections.include("_id"))
                        .first()
                != null;
    }

    private Set<String> likedBy(String viewerId, List<String> postIds) {
        List<String> likeIds =
                postIds.stream().map(postId -> postId + ":" + viewerId).toList();
        Set<String> liked = new HashSet<>();
        readModels
                .collection(View.POSTS, "likes")
                .find(Filters.and(Filters.in("_id", likeIds), Filters.eq("active", true)))
                .forEach(like -> liked.add(like.getString("postId")));
        return liked;
    }

    private PostView view(Document post, Map<String, UserSummary> users, Set<String> liked) {
        String id = post.getString("_id");
        String caption = post.getString("caption");
        List<PostView.Media> media = strings(post, "mediaIds").stream()
                .map(mediaId -> new PostView.Media(mediaId, mediaUrls.of(mediaId)))
                .toList();
        return new PostView(
                id,
                users.get(post.getString("authorId")),
                caption,
                strings(post, "hashtags"),
                mentionsInCaption(caption, strings(post, "mentionedUserIds"), users),
                media,
                count(post, "likeCount"),
                count(post, "commentCount"),
                liked.contains(id),
                instant(post, "createdAt"));
    }

    /** The mentioned users whose {@code @username} the current caption still names: an edit may have removed some. */
    private static List<UserSummary> mentionsInCaption(
            String caption, List<String> mentionedUserIds, Map<String, UserSummary> users) {
        if (caption == null || mentionedUserIds.isEmpty()) {
            return List.of();
        }
        return mentionedUserIds.stream()
                .map(users::get)
                .filter(user -> user != null && user.username() != null && names(caption, user.username()))
                .toList();
    }

    /** Whether the text mentions the username as the command side reads mentions: whole, in any case. */
    private static boolean names(String text, String username) {
        Pattern mention = Pattern.compile(
                "(?<![\\p{L}\\p{N}_.@])@" + Pattern.quote(username) + "(?![A-Za-z0-9_]|\\.[A-Za-z0-9_])",
                Pattern.CASE_INSENSITIVE);
        return mention.matcher(text).find();
    }
}
