package dev.shutter.media.upload;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * The accounts this service saw deleted (ids only, {@code deleted_accounts}), whose access tokens it refuses (401):
 * they stay valid by signature until they expire, and a photo uploaded with one would belong to nobody.
 */
@Component
class DeletedAccounts implements OAuth2TokenValidator<Jwt> {

    static final String COLLECTION = "deleted_accounts";
    private static final OAuth2Error DELETED =
            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The account of this token was deleted.", null);

    private final MongoTemplate mongo;

    DeletedAccounts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void add(String userId) {
        mongo.upsert(Query.query(where("_id").is(userId)), new Update().setOnInsert("_id", userId), COLLECTION);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        boolean deleted = mongo.exists(Query.query(where("_id").is(token.getSubject())), COLLECTION);
        return deleted ? OAuth2TokenValidatorResult.failure(DELETED) : OAuth2TokenValidatorResult.success();
    }
}
