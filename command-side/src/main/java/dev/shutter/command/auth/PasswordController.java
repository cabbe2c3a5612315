package dev.shutter.command.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PasswordController {

    private final PasswordChanges passwordChanges;
    private final ClientAddress clientAddress;

    PasswordController(PasswordChanges passwordChanges, ClientAddress clientAddress) {
        this.passwordChanges = passwordChanges;
        this.clientAddress = clientAddress;
    }

    @PutMapping("/api/users/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void change(
            @AuthenticationPrincipal Jwt caller,
            @Valid @RequestBody PasswordChangeRequest request,
            HttpServletRequest http) {
        passwordChanges.change(caller.getSubject(), request, clientAddress.of(http));
    }
}
