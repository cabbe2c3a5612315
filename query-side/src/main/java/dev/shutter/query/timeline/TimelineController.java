package dev.shutter.query.timeline;

import dev.shutter.query.post.PostView;
import dev.shutter.query.post.PostViews;
import dev.shutter.query.timeline.TimelineEntries.TimelineEntry;
import dev.shutter.query.user.Profiles;
import dev.shutter.query.web.NotFoundException;
import dev.shutter.query.web.Page;
import dev.shutter.query.web.PageRequest;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TimelineController {

    private final TimelineEntries timelines;
    private final PostViews posts;
    private final Profiles profiles;

    TimelineController(TimelineEntries timelines, PostViews posts, Profiles profiles) {
        this.timelines = timelines;
        this.posts = posts;
        this.profiles = profiles;
    }

    /** The caller's home timeline: posts of the accounts the caller follows. */
    @GetMapping("/api/timeline")
    Page<PostView> home(@AuthenticationPrincipal Jwt caller, PageRequest page) {
        String viewer = caller.getSubject();
        return Page.of(timelines.home(viewer, page), page, TimelineEntry::cursor, entries -> views(entries, viewer));
    }

    @GetMapping("/api/users/{id}/posts")
    Page<PostView> byUser(@PathVariable String id, @AuthenticationPrincipal Jwt caller, PageRequest page) {
        if (!profiles.exists(id)) {
            throw new NotFoundException("User", id);
        }
        String viewer = caller.getSubject();
        return Page.of(timelines.byAuthor(id, page), page, TimelineEntry::cursor, entries -> views(entries, viewer));
    }

    private List<PostView> views(List<TimelineEntry> entries, String viewer) {
        return posts.inOrder(entries.stream().map(TimelineEntry::postId).toList(), viewer);
    }
}
