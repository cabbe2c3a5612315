package dev.shutter.command.auth;

import dev.shutter.command.user.Account;
import dev.shutter.command.user.Credentials;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes a password: the current one confirmed, the new one not the username, the hash replaced and every refresh
 * token of the user revoked in one transaction. Access tokens already issued stay valid until they expire.
 */
@Service
class PasswordChanges {

    private final Logins logins;
    private final Credentials credentials;
    private final RefreshTokens refreshTokens;
    private final TransactionTemplate transaction;

    PasswordChanges(
            Logins logins, Credentials credentials, RefreshTokens refreshTokens, TransactionTemplate transaction) {
        this.logins = logins;
        this.credentials = credentials;
        this.refreshTokens = refreshTokens;
        this.transaction = transaction;
    }

    void change(String userId, PasswordChangeRequest request, String clientAddress) {
        Account account = logins.confirm(userId, request.currentPassword(), clientAddress);
        if (request.newPassword().equalsIgnoreCase(account.username())) {
            throw new NewPasswordRejectedException("must not be the username");
        }
        transaction.executeWithoutResult(status -> {
            credentials.changePassword(userId, request.newPassword());
            refreshTokens.revokeAllOf(userId, "PASSWORD_CHANGED");
        });
    }
}
