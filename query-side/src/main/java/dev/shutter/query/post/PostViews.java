package dev.shutter.query.post;

import static dev.shutter.query.config.Documents.count;
import static dev.shutter.query.config.Documents.instant;
import static dev.shutter.query.config.Documents.strings;

import com.mongodb.client.model.Filters;
import dev.shutter.query.config.ReadModels;
import dev.shutter.query.config.View;
import dev.shutter.query.privacy.Viewer;
import dev.shutter.query.privacy.Visibility;
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
 * mentioned users from {@code profiles}: three queries for any number of posts, never one per post. Posts of authors
 * a block hides from the viewer, and mentions of such users, are left out.
 */
@Component
public class PostViews {

    private final ReadModels readModels;
    private final Profiles profiles;
    private final MediaUrls mediaUrls;
    private final Visibility visibility;

    PostViews(ReadModels readModels, Profiles profiles, MediaUrls mediaUrls, Visibility visibility) {
        this.readModels = readModels;
        this.profiles = profiles;
        this.mediaUrls = mediaUrls;
        this.visibility = visibility;
    }

    /**
     * The views of those posts in the given order, as the viewer sees them. Posts deleted (or not yet in the posts
     * view) are left out.
     */
    public List<PostView> inOrder(List<String> postIds, Viewer viewer) {
        if (postIds.isEmpty()) {
            return List.of();
        }
        Map<String, Document> posts = new HashMap<>();
        readModels
                .collection(View.POSTS, "posts")
                .find(Filters.in("_id", postIds))
                .forEach(post -> {
                    if (!deleted(post)) {
                        posts.put(post.getString("_id"), post);
                    }
                });
        List<Document> found =
                postIds.stream().filter(posts::containsKey).map(posts::get).toList();
        return views(found, viewer);
    }

    /**
     * The views of the post documents already read from the current generation whose authors' posts the viewer may
     * see (public, followed or their own), in their order: three or four more queries.
     */
    List<PostView> readableViews(List<Document> posts, Viewer viewer) {
        Set<String> readable = visibility.readable(
                viewer, posts.stream().map(post -> post.getString("authorId")).toList());
        return views(
                posts.stream()
                        .filter(post -> readable.contains(post.getString("authorId")))
                        .toList(),
                viewer);
    }

    /** The views of post documents already read from the current generation, in their order: two more queries. */
    List<PostView> views(List<Document> found, Viewer viewer) {
        List<Document> posts = found.stream()
                .filter(post -> !viewer.hides(post.getString("authorId")))
                .toList();
        if (posts.isEmpty()) {
            return List.of();
        }
        String viewerId = viewer.id();
        List<String> userIds = new ArrayList<>();
        posts.forEach(post -> {
            userIds.add(post.getString("authorId"));
            userIds.addAll(strings(post, "mentionedUserIds"));
        });
        Map<String, UserSummary> users = profiles.summaries(userIds);
        Set<String> liked = likedBy(
                viewerId, posts.stream().map(post -> post.getString("_id")).toList());
        return posts.stream().map(post -> view(post, users, liked, viewer)).toList();
    }

    Optional<PostView> one(String postId, Viewer viewer) {
        return readable(postId, viewer).map(post -> views(List.of(post), viewer).get(0));
    }

    /**
     * The post, when it exists, was not deleted, and the viewer may see its author's posts; otherwise it does not
     * exist for the viewer.
     */
    Optional<Document> readable(String postId, Viewer viewer) {
        Document post = readModels
                .collection(View.POSTS, "posts")
                .find(Filters.eq("_id", postId))
                .first();
        if (post == null
                || deleted(post)
                || !visibility
                        .readable(viewer, Set.of(post.getString("authorId")))
                        .contains(post.getString("authorId"))) {
            return Optional.empty();
        }
        return Optional.of(post);
    }

    private Set<String> likedBy(String viewerId, List<String> postIds) {
        List<String> likeIds =
                postIds.stream().map(postId -> postId + ":" + viewerId).toList();
        Set<String> liked = new HashSet<>();
        readModels
                .collection(View.POSTS, "likes")
                .find(Filters.in("_id", likeIds))
                .forEach(like -> {
                    if (Boolean.TRUE.equals(like.getBoolean("active"))) {
                        liked.add(like.getString("postId"));
                    }
                });
        return liked;
    }

    /**
     * Posts and likes are read by {@code _id} alone and their flags checked here: every store answers an {@code _id}
     * lookup from its primary index, while a filter on another field next to it may make some (the in-process one of
     * devstack among them) scan the collection.
     */
    private static boolean deleted(Document post) {
        return Boolean.TRUE.equals(post.getBoolean("deleted"));
    }

    private PostView view(Document post, Map<String, UserSummary> users, Set<String> liked, Viewer viewer) {
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
                mentionsInCaption(
                        caption,
                        strings(post, "mentionedUserIds").stream()
                                .filter(userId -> !viewer.hides(userId))
                                .toList(),
                        users),
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
