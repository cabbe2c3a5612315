package dev.shutter.command.auth;

import dev.shutter.command.auth.RefreshTokens.Issued;
import dev.shutter.command.auth.RefreshTokens.Rotation;
import dev.shutter.command.user.Account;
import dev.shutter.command.user.Credentials;
import org.springframework.stereotype.Service;

/** Starts, renews and ends sessions: an access token plus a refresh token of the session's family. */
@Service
class Sessions {

    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final Credentials credentials;
    private final JwtProperties properties;

    Sessions(
            AccessTokens accessTokens, RefreshTokens refreshTokens, Credentials credentials, JwtProperties properties) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.credentials = credentials;
        this.properties = properties;
    }

    TokenResponse start(Account account) {
        return answer(account, refreshTokens.startFamily(account.userId()));
    }

    TokenResponse refresh(String refreshToken) {
        Rotation rotation = refreshTokens.rotate(refreshToken);
        if (rotation instanceof Rotation.Reused) {
            throw new RefreshTokenReusedException();
        }
        if (!(rotation instanceof Rotation.Rotated rotated)) {
            throw new InvalidRefreshTokenException();
        }
        // The account is read again: a changed username or scope shows in the new access token.
        Account account = credentials.account(rotated.userId()).orElse(null);
        if (account == null) {
            refreshTokens.revokeAllOf(rotated.userId(), "NO_ACCOUNT");
            throw new InvalidRefreshTokenException();
        }
        return answer(account, rotated.next());
    }

    void end(String refreshToken) {
        refreshTokens.revokeFamilyOf(refreshToken);
    }

    private TokenResponse answer(Account account, Issued refresh) {
        return new TokenResponse(
                accessTokens.issueFor(account),
                "Bearer",
                properties.accessTokenTtl().toSeconds(),
                refresh.token(),
                properties.refreshTokenTtl().toSeconds());
    }
}
