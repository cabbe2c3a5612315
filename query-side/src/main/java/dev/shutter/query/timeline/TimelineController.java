package dev.shutter.query.timeline;

import dev.shutter.query.post.PostView;
import dev.shutter.query.post.PostViews;
import dev.shutter.query.privacy.Viewer;
import dev.shutter.query.privacy.Visibility;
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
    private final Visibility visibility;

    TimelineController(TimelineEntries timelines, PostViews posts, Profiles profiles, Visibility visibility) {
        this.timelines = timelines;
        this.posts = posts;
        this.profiles = profiles;
        this.visibility = visibility;
    }

    /**
     * The caller's home timeline: posts of the accounts the caller follows (follows of private accounts are approved
     * ones), without those of users a block hides from the caller.
     */
    @GetMapping("/api/timeline")
    Page<PostView> home(@AuthenticationPrincipal Jwt caller, PageRequest page) {
        Viewer viewer = visibility.viewer(caller.getSubject());
        return Page.of(
                timelines.home(viewer.id(), page, viewer.hidden()),
                page,
                TimelineEntry::cursor,
                entries -> views(entries, viewer));
    }

    /**
     * The user's posts; a private account's only for the owner and approved followers. Whether the user exists is
     * asked only when they have no posts to show: an author's posts are proof enough.
     */
    @GetMapping("/api/users/{id}/posts")
    Page<PostView> byUser(@PathVariable String id, @AuthenticationPrincipal Jwt caller, PageRequest page) {
        Viewer viewer = visibility.viewer(caller.getSubject());
        visibility.requireReadable(viewer, id);
        List<TimelineEntry> entries = timelines.byAuthor(id, page);
        if (entries.isEmpty() && !profiles.exists(id)) {
            throw new NotFoundException("User", id);
        }
        return Page.of(entries, page, TimelineEntry::cursor, found -> views(found, viewer));
    }

    private List<PostView> views(List<TimelineEntry> entries, Viewer viewer) {
        return posts.inOrder(entries.stream().map(TimelineEntry::postId).toList(), viewer);
    }
}
