package dev.shutter.query.post;

import dev.shutter.query.post.Comments.Comment;
import dev.shutter.query.post.Likes.Like;
import dev.shutter.query.privacy.Viewer;
import dev.shutter.query.privacy.Visibility;
import dev.shutter.query.user.Profiles;
import dev.shutter.query.user.UserSummary;
import dev.shutter.query.web.NotFoundException;
import dev.shutter.query.web.Page;
import dev.shutter.query.web.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Posts, their comments and likes, and tag pages. A post of a private account the caller does not follow, or of a
 * user a block hides from the caller, does not exist for them (404); comments and likes of hidden users are left out.
 */
@RestController
class PostController {

    private final PostViews posts;
    private final Comments comments;
    private final Likes likes;
    private final TaggedPosts taggedPosts;
    private final Profiles profiles;
    private final Visibility visibility;

    PostController(
            PostViews posts,
            Comments comments,
            Likes likes,
            TaggedPosts taggedPosts,
            Profiles profiles,
            Visibility visibility) {
        this.posts = posts;
        this.comments = comments;
        this.likes = likes;
        this.taggedPosts = taggedPosts;
        this.profiles = profiles;
        this.visibility = visibility;
    }

    @GetMapping("/api/posts/{id}")
    PostView post(@PathVariable String id, @AuthenticationPrincipal Jwt caller) {
        Viewer viewer = visibility.viewer(caller.getSubject());
        return posts.one(id, viewer).orElseThrow(() -> new NotFoundException("Post", id));
    }

    @GetMapping("/api/posts/{id}/comments")
    Page<CommentView> comments(@PathVariable String id, @AuthenticationPrincipal Jwt caller, PageRequest page) {
        Viewer viewer = readablePost(id, caller);
        return Page.of(
                comments.onPost(id, page, viewer.hidden()), page, Comment::cursor, found -> withAuthors(found, viewer));
    }

    /** The users who like the post now, the latest like first. */
    @GetMapping("/api/posts/{id}/likes")
    Page<UserSummary> likes(@PathVariable String id, @AuthenticationPrincipal Jwt caller, PageRequest page) {
        Viewer viewer = readablePost(id, caller);
        return Page.of(likes.ofPost(id, page, viewer.hidden()), page, Like::cursor, this::likers);
    }

    /**
     * Posts whose current caption carries the hashtag, whatever its case, newest first; posts the caller may not see
     * are left out, so a page may hold fewer than {@code limit} posts before the last one.
     */
    @GetMapping("/api/tags/{tag}/posts")
    Page<PostView> tagged(@PathVariable String tag, @AuthenticationPrincipal Jwt caller, PageRequest page) {
        String normalised = TaggedPosts.normalise(tag);
        Viewer viewer = visibility.viewer(caller.getSubject());
        return Page.of(
                taggedPosts.withTag(normalised, page, viewer.hidden()),
                page,
                TaggedPosts::cursor,
                found -> posts.readableViews(found, viewer));
    }

    /** The caller, once it is clear that the post exists for them. */
    private Viewer readablePost(String id, Jwt caller) {
        Viewer viewer = visibility.viewer(caller.getSubject());
        if (posts.readable(id, viewer).isEmpty()) {
            throw new NotFoundException("Post", id);
        }
        return viewer;
    }

    private List<UserSummary> likers(List<Like> page) {
        List<String> ids = page.stream().map(Like::userId).toList();
        Map<String, UserSummary> users = profiles.summaries(ids);
        return ids.stream().map(users::get).toList();
    }

    /**
     * Whether the profiles view knows the user. A mentioned user it does not know deleted their account (one must
     * exist to be mentioned): they are left out, as from captions.
     */
    private static boolean known(UserSummary user) {
        return user != null && user.username() != null;
    }

    private List<CommentView> withAuthors(List<Comment> page, Viewer viewer) {
        List<String> userIds = new ArrayList<>();
        page.forEach(comment -> {
            userIds.add(comment.authorId());
            userIds.addAll(comment.mentionedUserIds());
        });
        Map<String, UserSummary> users = profiles.summaries(userIds);
        return page.stream()
                .map(comment -> new CommentView(
                        comment.id(),
                        users.get(comment.authorId()),
                        comment.text(),
                        comment.hashtags(),
                        comment.mentionedUserIds().stream()
                                .filter(user -> !viewer.hides(user))
                                .map(users::get)
                                .filter(PostController::known)
                                .toList(),
                        comment.createdAt()))
                .toList();
    }
}
