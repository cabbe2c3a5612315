package dev.shutter.command.user;

import dev.shutter.command.media.MediaOwnership;
import jakarta.validation.Valid;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
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

@RestController
@RequestMapping("/api/users/me")
class ProfileController {

    private final CommandGateway commandGateway;
    private final MediaOwnership mediaOwnership;
    private final UsernameChanges usernameChanges;
    private final Devices devices;

    ProfileController(
            CommandGateway commandGateway,
            MediaOwnership mediaOwnership,
            UsernameChanges usernameChanges,
            Devices devices) {
        this.commandGateway = commandGateway;
        this.mediaOwnership = mediaOwnership;
        this.usernameChanges = usernameChanges;
        this.devices = devices;
    }

    @PutMapping("/profile")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void updateProfile(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody ProfileRequest request) {
        if (request.avatarMediaId() != null) {
            mediaOwnership.requireOwnedBy(caller.getSubject(), List.of(request.avatarMediaId()));
        }
        String bio = request.bio() == null ? "" : request.bio();
        commandGateway.sendAndWait(
                new UpdateProfile(caller.getSubject(), request.displayName().strip(), bio, request.avatarMediaId()));
    }

    @PutMapping("/username")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changeUsername(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody UsernameRequest request) {
        usernameChanges.change(caller.getSubject(), request.username());
    }

    @PostMapping("/devices")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void registerDevice(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody DeviceRequest request) {
        devices.register(caller.getSubject(), request.token(), request.platform());
    }

    @DeleteMapping("/devices/{token}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeDevice(@AuthenticationPrincipal Jwt caller, @PathVariable String token) {
        devices.remove(caller.getSubject(), token);
    }
}
