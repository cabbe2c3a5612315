package dev.shutter.query.user;

import dev.shutter.query.web.NotFoundException;
import dev.shutter.query.web.Page;
import dev.shutter.query.web.PageRequest;
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

    /** Users whose username or display name (or a word of it) starts with {@code q}, ignoring case and accents. */
    @GetMapping("/api/users/search")
    Page<UserSummary> search(@RequestParam(required = false) String q, PageRequest page) {
        String folded = UserSearch.fold(q);
        return Page.of(profiles.search(folded, page), page, UserSearch::cursor, users -> users.stream()
                .map(profiles::summaryOf)
                .toList());
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
