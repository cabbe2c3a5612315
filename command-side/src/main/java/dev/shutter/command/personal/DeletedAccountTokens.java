package dev.shutter.command.personal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Refuses the access tokens of deleted accounts (401), which stay valid by signature until they expire: nothing new
 * is done in the name of an account once it is gone.
 */
@Component
class DeletedAccountTokens implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error DELETED =
            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The account of this token was deleted.", null);

    private final JdbcClient jdbc;

    DeletedAccountTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        boolean deleted = jdbc.sql("SELECT count(*) FROM deleted_accounts WHERE user_id = ?")
                        .param(token.getSubject())
                        .query(Long.class)
                        .single()
                > 0;
        return deleted ? OAuth2TokenValidatorResult.failure(DELETED) : OAuth2TokenValidatorResult.success();
    }
}
