package dev.shutter.command.follow;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The owner of a private account answers the requests to follow it. */
@RestController
@RequestMapping("/api/users/me/follow-requests/{userId}")
class FollowRequestController {

    private final Follows follows;
    private final PrivateAccounts privateAccounts;

    FollowRequestController(Follows follows, PrivateAccounts privateAccounts) {
        this.follows = follows;
        this.privateAccounts = privateAccounts;
    }

    @PutMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void approve(@AuthenticationPrincipal Jwt caller, @PathVariable String userId) {
        follows.approve(caller.getSubject(), userId);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void decline(@AuthenticationPrincipal Jwt caller, @PathVariable String userId) {
        // A public account has no request left to decline: its switch to public approved them all, also those whose
        // approval is still being written (FollowRequestApprovals).
        if (!privateAccounts.isPrivate(caller.getSubject())) {
            throw new FollowRequestNotFoundException(userId);
        }
        follows.decline(caller.getSubject(), userId);
    }
}
