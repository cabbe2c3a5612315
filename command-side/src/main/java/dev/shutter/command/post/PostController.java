package dev.shutter.command.post;

import dev.shutter.command.media.MediaOwnership;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/posts")
class PostController {

    private final CommandGateway commandGateway;
    private final MediaOwnership mediaOwnership;
    private final Mentions mentions;
    private final Clock clock;

    PostController(CommandGateway commandGateway, MediaOwnership mediaOwnership, Mentions mentions, Clock clock) {
        this.commandGateway = commandGateway;
        this.mediaOwnership = mediaOwnership;
        this.mentions = mentions;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<CreatedResponse> publish(
            @AuthenticationPrincipal Jwt caller, @Valid @RequestBody PublishPostRequest request) {
        mediaOwnership.requireOwnedBy(caller.getSubject(), request.mediaIds());
        String postId = UUID.randomUUID().toString();
        String caption = request.captionOrEmpty();
        commandGateway.sendAndWait(new PublishPost(
                postId,
                caller.getSubject(),
                caption,
                List.copyOf(request.mediaIds()),
                mentions.resolve(caption),
                clock.instant()));
        return ResponseEntity.created(URI.create("/api/posts/" + postId)).body(new CreatedResponse(postId));
    }

    @PatchMapping("/{postId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void editCaption(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable String postId,
            @Valid @RequestBody EditCaptionRequest request) {
        commandGateway.sendAndWait(new EditCaption(
                postId, caller.getSubject(), request.caption(), mentions.resolve(request.caption()), clock.instant()));
    }

    @DeleteMapping("/{postId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal Jwt caller, @PathVariable String postId) {
        commandGateway.sendAndWait(new DeletePost(postId, caller.getSubject(), clock.instant()));
    }
}
