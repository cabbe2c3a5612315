package dev.shutter.push.config;

import dev.shutter.push.user.Users;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Refuses (401) the access tokens of accounts this service saw deleted, which stay valid by signature until they
 * expire: a deleted account neither writes settings nor marks an inbox seen, so nothing of it comes back.
 */
@Component
class DeletedAccountTokens implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error DELETED =
            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The account of this token was deleted.", null);

    private final Users users;

    DeletedAccountTokens(Users users) {
        this.users = users;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        return users.isDeleted(token.getSubject())
                ? OAuth2TokenValidatorResult.failure(DELETED)
                : OAuth2TokenValidatorResult.success();
    }
}
