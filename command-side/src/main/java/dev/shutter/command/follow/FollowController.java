package dev.shutter.command.follow;

import dev.shutter.command.user.Accounts;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
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

    private final CommandGateway commandGateway;
    private final Accounts accounts;
    private final Clock clock;

    FollowController(CommandGateway commandGateway, Accounts accounts, Clock clock) {
        this.commandGateway = commandGateway;
        this.accounts = accounts;
        this.clock = clock;
    }

    @PutMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void follow(@AuthenticationPrincipal Jwt caller, @PathVariable String userId) {
        if (!accounts.exists(userId)) {
            throw new UnknownUserException(userId);
        }
        commandGateway.sendAndWait(FollowUser.of(caller.getSubject(), userId, clock.instant()));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unfollow(@AuthenticationPrincipal Jwt caller, @PathVariable String userId) {
        commandGateway.sendAndWait(UnfollowUser.of(caller.getSubject(), userId, clock.instant()));
    }
}
