package dev.shutter.devstack;

import static dev.shutter.devstack.ShutterApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.shutter.devstack.ShutterApi.Answer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sessions through the one base URL: the other services validate the command side's tokens through its JWK set,
 * refreshed tokens work everywhere, and a token signed by any other key is refused.
 */
@ExtendWith(RunningDevstack.Shared.class)
class SessionsIT {

    private static RunningDevstack devstack;
    private static ShutterApi api;

    @BeforeAll
    static void useDevstack(RunningDevstack running) {
        devstack = running;
        api = running.api();
    }

    @Test
    void theOtherServicesAcceptTheCommandSidesTokensThroughItsKeySet() throws ParseException {
        String name = "sess_" + UUID.randomUUID().toString().substring(0, 8);
        devstack.register(name);
        JsonNode session = signIn(name);
        String accessToken = session.path("accessToken").asText();

        Answer keys = api.get("/.well-known/jwks.json", null);

        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.body().path("keys").findValuesAsText("kid"))
                .contains(SignedJWT.parse(accessToken).getHeader().getKeyID());
        assertThat(api.get("/api/timeline", accessToken).status())
                .as("query-side")
                .isEqualTo(200);
        assertThat(api.get("/api/notifications/unread-count", accessToken).status())
                .as("push-dispatcher")
                .isEqualTo(200);
    }

    @Test
    void aRefreshedAccessTokenWorksOnTheQuerySideAndTheSpentRefreshTokenEndsTheSession() {
        String name = "sesr_" + UUID.randomUUID().toString().substring(0, 8);
        devstack.register(name);
        String refreshToken = signIn(name).path("refreshToken").asText();

        Answer refreshed = api.post("/api/auth/refresh", body("refreshToken", refreshToken), null);

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(api.get("/api/timeline", refreshed.body().path("accessToken").asText())
                        .status())
                .isEqualTo(200);
        Answer reused = api.post("/api/auth/refresh", body("refreshToken", refreshToken), null);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.code()).isEqualTo("REFRESH_TOKEN_REUSED");
        Answer successor = api.post(
                "/api/auth/refresh",
                body("refreshToken", refreshed.body().path("refreshToken").asText()),
                null);
        assertThat(successor.code()).isEqualTo("INVALID_REFRESH_TOKEN");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedWithOrWithoutAKeyIdTheServiceKnows() throws Exception {
        String name = "sesf_" + UUID.randomUUID().toString().substring(0, 8);
        String id = devstack.register(name);
        String genuine = signIn(name).path("accessToken").asText();
        String knownKeyId = SignedJWT.parse(genuine).getHeader().getKeyID();
        KeyPair otherKey = rsaKeyPair();

        for (String keyId : new String[] {knownKeyId, "unknown-" + UUID.randomUUID(), null}) {
            String forged = sign(otherKey, keyId, id);

            Answer answer = api.get("/api/timeline", forged);

            assertThat(answer.status()).as("key id %s", keyId).isEqualTo(401);
            assertThat(answer.contentType()).contains("application/problem+json");
        }
        assertThat(api.get("/api/timeline", genuine).status()).isEqualTo(200);
    }

    private static JsonNode signIn(String name) {
        Answer answer = api.post("/api/auth/token", body("login", name, "password", RunningDevstack.PASSWORD), null);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("refreshToken").asText()).isNotBlank();
        return answer.body();
    }

    private static String sign(KeyPair key, String keyId, String subject) throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(),
                new JWTClaimsSet.Builder()
                        .issuer("shutter")
                        .subject(subject)
                        .claim("scope", "user")
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(300)))
                        .build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsaKeyPair() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
