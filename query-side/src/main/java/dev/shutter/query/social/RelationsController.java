package dev.shutter.query.social;

import dev.shutter.query.social.Relations.Relation;
import dev.shutter.query.user.Profiles;
import dev.shutter.query.user.UserSummary;
import dev.shutter.query.web.Page;
import dev.shutter.query.web.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own pending follow requests and blocks. */
@RestController
class RelationsController {

    private final Relations relations;
    private final Profiles profiles;

    RelationsController(Relations relations, Profiles profiles) {
        this.relations = relations;
        this.profiles = profiles;
    }

    /** Who asked to follow the caller and waits for approval, the latest request first. */
    @GetMapping("/api/users/me/follow-requests")
    Page<FollowRequestView> followRequests(@AuthenticationPrincipal Jwt caller, PageRequest page) {
        return Page.of(relations.requestsTo(caller.getSubject(), page), page, Relation::cursor, requests -> {
            Map<String, UserSummary> users = summaries(requests);
            return requests.stream()
                    .map(request -> FollowRequestView.of(users.get(request.userId()), request.at()))
                    .toList();
        });
    }

    /** The users the caller blocked, the latest block first. */
    @GetMapping("/api/users/me/blocks")
    Page<BlockedUserView> blocks(@AuthenticationPrincipal Jwt caller, PageRequest page) {
        return Page.of(relations.blockedBy(caller.getSubject(), page), page, Relation::cursor, blocks -> {
            Map<String, UserSummary> users = summaries(blocks);
            return blocks.stream()
                    .map(block -> BlockedUserView.of(users.get(block.userId()), block.at()))
                    .toList();
        });
    }

    private Map<String, UserSummary> summaries(List<Relation> page) {
        return profiles.summaries(page.stream().map(Relation::userId).toList());
    }

    /** A user summary with the time of the request. */
    record FollowRequestView(String id, String username, String displayName, String avatarUrl, Instant requestedAt) {

        static FollowRequestView of(UserSummary user, Instant requestedAt) {
            return new FollowRequestView(user.id(), user.username(), user.displayName(), user.avatarUrl(), requestedAt);
        }
    }

    /** A user summary with the time of the block. */
    record BlockedUserView(String id, String username, String displayName, String avatarUrl, Instant blockedAt) {

        static BlockedUserView of(UserSummary user, Instant blockedAt) {
            return new BlockedUserView(user.id(), user.username(), user.displayName(), user.avatarUrl(), blockedAt);
        }
    }
}
