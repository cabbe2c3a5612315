package dev.shutter.query.post;

import dev.shutter.query.post.Comments.Comment;
import dev.shutter.query.post.Likes.Like;
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

@RestController
class PostController {

    private final PostViews posts;
    private final Comments comments;
    private final Likes likes;
    private final TaggedPosts taggedPosts;
    private final Profiles profiles;

    PostController(PostViews posts, Comments comments, Likes likes, TaggedPosts taggedPosts, Profiles profiles) {
        this.posts = posts;
        this.comments = comments;
        this.likes = likes;
        this.taggedPosts = taggedPosts;
        this.profiles = profiles;
    }

    @GetMapping("/api/posts/{id}")
    PostView post(@PathVariable String id, @AuthenticationPrincipal Jwt caller) {
        return posts.one(id, caller.getSubject()).orElseThrow(() -> new NotFoundException("Post", id));
    }

    @GetMapping("/api/posts/{id}/comments")
    Page<CommentView> comments(@PathVariable String id, PageRequest page) {
        if (!posts.visible(id)) {
            throw new NotFoundException("Post", id);
        }
        return Page.of(comments.onPost(id, page), page, Comment::cursor, this::withAuthors);
    }

    /** The users who like the post now, the latest like first. */
    @GetMapping("/api/posts/{id}/likes")
    Page<UserSummary> likes(@PathVariable String id, PageRequest page) {
        if (!posts.visible(id)) {
            throw new NotFoundException("Post", id);
        }
        return Page.of(likes.ofPost(id, page), page, Like::cursor, this::likers);
    }

    /** Posts whose current caption carries the hashtag, whatever its case, newest first. */
    @GetMapping("/api/tags/{tag}/posts")
    Page<PostView> tagged(@PathVariable String tag, @AuthenticationPrincipal Jwt caller, PageRequest page) {
        String normalised = TaggedPosts.normalise(tag);
        return Page.of(
                taggedPosts.withTag(normalised, page),
                page,
                TaggedPosts::cursor,
                found -> posts.views(found, caller.getSubject()));
    }

    private List<UserSummary> likers(List<Like> page) {
        List<String> ids = page.stream().map(Like::userId).toList();
        Map<String, UserSummary> users = profiles.summaries(ids);
        return ids.stream().map(users::get).toList();
    }

    private List<CommentView> withAuthors(List<Comment> page) {
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
                        comment.mentionedUserIds().stream().map(users::get).toList(),
                        comment.createdAt()))
                .toList();
    }
}
