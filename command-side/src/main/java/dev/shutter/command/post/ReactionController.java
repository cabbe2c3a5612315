package dev.shutter.command.post;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Likes and comments on a post. */
@RestController
@RequestMapping("/api/posts/{postId}")
class ReactionController {

    private final CommandGateway commandGateway;
    private final Mentions mentions;
    private final Clock clock;

    ReactionController(CommandGateway commandGateway, Mentions mentions, Clock clock) {
        this.commandGateway = commandGateway;
        this.mentions = mentions;
        this.clock = clock;
    }

    @PutMapping("/likes/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void like(@AuthenticationPrincipal Jwt caller, @PathVariable String postId) {
        commandGateway.sendAndWait(new LikePost(postId, caller.getSubject(), clock.instant()));
    }

    @DeleteMapping("/likes/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlike(@AuthenticationPrincipal Jwt caller, @PathVariable String postId) {
        commandGateway.sendAndWait(new UnlikePost(postId, caller.getSubject()));
    }

    @PostMapping("/comments")
    ResponseEntity<CreatedResponse> comment(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable String postId,
            @Valid @RequestBody CommentRequest request) {
        String commentId = UUID.randomUUID().toString();
        commandGateway.sendAndWait(new AddComment(
                postId,
                commentId,
                caller.getSubject(),
                request.text(),
                mentions.resolve(request.text()),
                clock.instant()));
        return ResponseEntity.created(URI.create("/api/posts/" + postId + "/comments/" + commentId))
                .body(new CreatedResponse(commentId));
    }

    @DeleteMapping("/comments/{commentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteComment(
            @AuthenticationPrincipal Jwt caller, @PathVariable String postId, @PathVariable String commentId) {
        commandGateway.sendAndWait(new DeleteComment(postId, commentId, caller.getSubject()));
    }
}
