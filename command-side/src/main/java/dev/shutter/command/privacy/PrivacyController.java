package dev.shutter.command.privacy;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PrivacyController {

    private final PrivacySettings settings;

    PrivacyController(PrivacySettings settings) {
        this.settings = settings;
    }

    @PutMapping("/api/users/me/privacy")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void change(@AuthenticationPrincipal Jwt caller, @RequestBody PrivacyRequest request) {
        settings.change(caller.getSubject(), request.privateAccount());
    }
}
