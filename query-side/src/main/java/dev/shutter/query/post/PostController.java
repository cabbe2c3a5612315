package dev.shutter.query.post;

import dev.shutter.query.post.Comments.Comment;
import dev.shutter.query.user.Profiles;
import dev.shutter.query.user.UserSummary;
import dev.shutter.query.web.NotFoundException;
import dev.shutter.query.web.Page;
import dev.shutter.query.web.PageRequest;
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
    private final Profiles profiles;

    PostController(PostViews posts, Comments comments, Profiles profiles) {
        this.posts = posts;
        this.comments = comments;
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

    private List<CommentView> withAuthors(List<Comment> page) {
        Map<String, UserSummary> authors =
                profiles.summaries(page.stream().map(Comment::authorId).toList());
        return page.stream()
                .map(comment -> new CommentView(
                        comment.id(), authors.get(comment.authorId()), comment.text(), comment.createdAt()))
                .toList();
    }
}
