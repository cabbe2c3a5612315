package dev.shutter.command.privacy;

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
@RequestMapping("/api/users/me/blocks/{userId}")
class BlockController {

    private final Blocking blocking;
    private final Accounts accounts;

    BlockController(Blocking blocking, Accounts accounts) {
        this.blocking = blocking;
        this.accounts = accounts;
    }

    @PutMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void block(@AuthenticationPrincipal Jwt caller, @PathVariable String userId) {
        if (!accounts.exists(userId)) {
            throw new NoSuchUserException(userId);
        }
        blocking.block(caller.getSubject(), userId);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unblock(@AuthenticationPrincipal Jwt caller, @PathVariable String userId) {
        blocking.unblock(caller.getSubject(), userId);
    }
}
