package dev.shutter.query.social;

import dev.shutter.query.social.FollowEdges.FollowEdge;
import dev.shutter.query.user.Profiles;
import dev.shutter.query.user.UserSummary;
import dev.shutter.query.web.NotFoundException;
import dev.shutter.query.web.Page;
import dev.shutter.query.web.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class FollowController {

    private final FollowEdges edges;
    private final Profiles profiles;

    FollowController(FollowEdges edges, Profiles profiles) {
        this.edges = edges;
        this.profiles = profiles;
    }

    @GetMapping("/api/users/{id}/followers")
    Page<UserSummary> followers(@PathVariable String id, PageRequest page) {
        requireUser(id);
        return Page.of(edges.followersOf(id, page), page, FollowEdge::cursor, users(FollowEdge::followerId));
    }

    @GetMapping("/api/users/{id}/following")
    Page<UserSummary> following(@PathVariable String id, PageRequest page) {
        requireUser(id);
        return Page.of(edges.followedBy(id, page), page, FollowEdge::cursor, users(FollowEdge::followeeId));
    }

    private void requireUser(String id) {
        if (!profiles.exists(id)) {
            throw new NotFoundException("User", id);
        }
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
