package dev.shutter.push.settings;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own notification settings. */
@RestController
class NotificationSettingsController {

    private static final String PATH = "/api/users/me/notification-settings";

    private final SettingsStore settings;

    NotificationSettingsController(SettingsStore settings) {
        this.settings = settings;
    }

    @GetMapping(PATH)
    NotificationSettings get(@AuthenticationPrincipal Jwt caller) {
        return settings.of(caller.getSubject());
    }

    @PutMapping(PATH)
    NotificationSettings put(@AuthenticationPrincipal Jwt caller, @RequestBody SettingsRequest request) {
        NotificationSettings wanted = request.validated(caller.getSubject(), settings.of(caller.getSubject()));
        settings.save(caller.getSubject(), wanted);
        return wanted;
    }
}
