package dev.shutter.command.auth;

import dev.shutter.command.auth.JwtConfiguration.PublicKeys;
import dev.shutter.command.user.Account;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TokenController {

    private final Logins logins;
    private final Sessions sessions;
    private final SignIns signIns;
    private final ClientAddress clientAddress;
    private final Map<String, Object> publicKeys;

    TokenController(
            Logins logins, Sessions sessions, SignIns signIns, ClientAddress clientAddress, PublicKeys publicKeys) {
        this.logins = logins;
        this.sessions = sessions;
        this.signIns = signIns;
        this.clientAddress = clientAddress;
        this.publicKeys = publicKeys.json();
    }

    @PostMapping("/api/auth/token")
    TokenResponse token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
        Account account = logins.signIn(request.login(), request.password(), clientAddress.of(http));
        TokenResponse tokens = sessions.start(account);
        signIns.record(account);
        return tokens;
    }

    @PostMapping("/api/auth/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return sessions.refresh(request.refreshToken());
    }

    /** Ends the session of the refresh token; a token that is unknown or already ended answers 204 as well. */
    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@Valid @RequestBody RefreshRequest request) {
        sessions.end(request.refreshToken());
    }

    @GetMapping("/.well-known/jwks.json")
    Map<String, Object> jwks() {
        return publicKeys;
    }
}
