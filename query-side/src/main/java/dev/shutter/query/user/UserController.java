package dev.shutter.query.user;

import dev.shutter.query.web.NotFoundException;
import dev.shutter.query.web.ValidationFailedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UserController {

    private final Profiles profiles;

    UserController(Profiles profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/api/users/{id}")
    ProfileView profile(@PathVariable String id) {
        return profiles.byId(id).orElseThrow(() -> new NotFoundException("User", id));
    }

    @GetMapping("/api/users")
    ProfileView profileByUsername(@RequestParam(required = false) String username) {
        if (username == null || username.isBlank()) {
            throw new ValidationFailedException("username", "is required");
        }
        return profiles.byUsername(username).orElseThrow(() -> new NotFoundException("User", username));
    }
}
