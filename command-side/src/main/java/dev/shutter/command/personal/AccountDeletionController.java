package dev.shutter.command.personal;

import dev.shutter.command.auth.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code DELETE /api/users/me}: deletes the caller's account once their password confirms it. */
@RestController
class AccountDeletionController {

    /** The account's password, confirming that its owner means it. */
    record DeletionRequest(@NotNull @Size(max = 128) String password) {}

    private final AccountDeletion deletion;
    private final ClientAddress clientAddress;

    AccountDeletionController(AccountDeletion deletion, ClientAddress clientAddress) {
        this.deletion = deletion;
        this.clientAddress = clientAddress;
    }

    @DeleteMapping("/api/users/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            @AuthenticationPrincipal Jwt caller, @Valid @RequestBody DeletionRequest request, HttpServletRequest http) {
        deletion.delete(caller.getSubject(), request.password(), clientAddress.of(http));
    }
}
