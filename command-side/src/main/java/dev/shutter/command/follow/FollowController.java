package dev.shutter.command.follow;

import dev.shutter.command.user.Accounts;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/users/me/following/{userId}")
class FollowController {

    private final Follows follows;
    private final Accounts accounts;

    FollowController(Follows follows, Accounts accounts) {
        this.follows = follows;
        this.accounts = accounts;
    }

    /** Follows a public account at once; a private account gets a follow request. */
    @PutMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void follow(@AuthenticationPrincipal Jwt caller, @PathVariable String userId) {
        if (!accounts.exists(userId)) {
            throw new UnknownUserException(userId);
        }
        follows.follow(caller.getSubject(), userId);
    }

    /** Unfollows, or withdraws the pending request. */
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unfollow(@AuthenticationPrincipal Jwt caller, @PathVariable String userId) {
        follows.unfollow(caller.getSubject(), userId);
    }
}
