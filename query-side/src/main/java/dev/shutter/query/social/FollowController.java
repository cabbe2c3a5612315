package dev.shutter.query.social;

import dev.shutter.query.privacy.Viewer;
import dev.shutter.query.privacy.Visibility;
import dev.shutter.query.social.FollowEdges.FollowEdge;
import dev.shutter.query.user.Profiles;
import dev.shutter.query.user.UserSummary;
import dev.shutter.query.web.NotFoundException;
import dev.shutter.query.web.Page;
import dev.shutter.query.web.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class FollowController {

    private final FollowEdges edges;
    private final Profiles profiles;
    private final Visibility visibility;

    FollowController(FollowEdges edges, Profiles profiles, Visibility visibility) {
        this.edges = edges;
        this.profiles = profiles;
        this.visibility = visibility;
    }

    /** The account's followers; a private account's only for the owner and approved followers. */
    @GetMapping("/api/users/{id}/followers")
    Page<UserSummary> followers(@PathVariable String id, @AuthenticationPrincipal Jwt caller, PageRequest page) {
        Viewer viewer = readableBy(id, caller);
        return Page.of(
                edges.followersOf(id, page, viewer.hidden()), page, FollowEdge::cursor, users(FollowEdge::followerId));
    }

    /** Whom the account follows; a private account's only for the owner and approved followers. */
    @GetMapping("/api/users/{id}/following")
    Page<UserSummary> following(@PathVariable String id, @AuthenticationPrincipal Jwt caller, PageRequest page) {
        Viewer viewer = readableBy(id, caller);
        return Page.of(
                edges.followedBy(id, page, viewer.hidden()), page, FollowEdge::cursor, users(FollowEdge::followeeId));
    }

    /** The caller, once it is clear that the user exists for them and that they may read the user's lists. */
    private Viewer readableBy(String id, Jwt caller) {
        if (!profiles.exists(id)) {
            throw new NotFoundException("User", id);
        }
        Viewer viewer = visibility.viewer(caller.getSubject());
        visibility.requireReadable(viewer, id);
        return viewer;
    }

    /** The users at the other end of the edges, in edge order, fetched in one query. */
    private Function<List<FollowEdge>, List<UserSummary>> users(Function<FollowEdge, String> otherEnd) {
        return page -> {
            List<String> ids = page.stream().map(otherEnd).toList();
            Map<String, UserSummary> summaries = profiles.summaries(ids);
            return ids.stream().map(summaries::get).toList();
        };
    }
}
