package dev.shutter.query.user;

import dev.shutter.query.privacy.Viewer;
import dev.shutter.query.privacy.Visibility;
import dev.shutter.query.web.NotFoundException;
import dev.shutter.query.web.Page;
import dev.shutter.query.web.PageRequest;
import dev.shutter.query.web.ValidationFailedException;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UserController {

    private final Profiles profiles;
    private final Visibility visibility;

    UserController(Profiles profiles, Visibility visibility) {
        this.profiles = profiles;
        this.visibility = visibility;
    }

    /**
     * Users whose username or display name (or a word of it) starts with {@code q}, ignoring case and accents; users
     * a block hides from the caller are left out.
     */
    @GetMapping("/api/users/search")
    Page<UserSummary> search(
            @RequestParam(required = false) String q, @AuthenticationPrincipal Jwt caller, PageRequest page) {
        String folded = UserSearch.fold(q);
        Viewer viewer = visibility.viewer(caller.getSubject());
        return Page.of(profiles.search(folded, page, viewer.hidden()), page, UserSearch::cursor, users -> users.stream()
                .map(profiles::summaryOf)
                .toList());
    }

    @GetMapping("/api/users/{id}")
    ProfileView profile(@PathVariable String id, @AuthenticationPrincipal Jwt caller) {
        return header(profiles.byId(id), id, caller);
    }

    @GetMapping("/api/users")
    ProfileView profileByUsername(
            @RequestParam(required = false) String username, @AuthenticationPrincipal Jwt caller) {
        if (username == null || username.isBlank()) {
            throw new ValidationFailedException("username", "is required");
        }
        return header(profiles.byUsername(username), username, caller);
    }

    /** The profile header, which everyone sees but a user a block hides it from (for them it does not exist). */
    private ProfileView header(Optional<ProfileView> found, String asked, Jwt caller) {
        ProfileView profile = found.orElseThrow(() -> new NotFoundException("User", asked));
        Viewer viewer = visibility.viewer(caller.getSubject());
        if (viewer.hides(profile.id())) {
            throw new NotFoundException("User", asked);
        }
        return profile.withPrivateAccount(visibility.isPrivate(profile.id()));
    }
}
