package dev.shutter.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.shutter.command.CommandSideIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Sessions over HTTP: refresh-token rotation and reuse detection, logout, password change, the brute-force limits
 * (short windows configured here) and the published key set.
 */
@TestPropertySource(
        properties = {
            "shutter.security.login-throttle.account.max-failures=3",
            "shutter.security.login-throttle.account.window=PT1M",
            "shutter.security.login-throttle.account.lockout=PT2S",
            "shutter.security.login-throttle.account.max-lockout=PT4S",
            "shutter.security.login-throttle.address.max-failures=4",
            "shutter.security.login-throttle.address.window=PT1M",
            "shutter.security.login-throttle.address.lockout=PT2S",
            "shutter.security.login-throttle.address.max-lockout=PT2S",
            "shutter.security.login-throttle.forget-after=PT1H"
        })
class SessionsIT extends CommandSideIntegrationTest {

    private static final KeyPair PREVIOUS_KEY = rsaKeyPair();
    private static final KeyPair FOREIGN_KEY = rsaKeyPair();

    /**
     * The JDK's HTTP client, which answers a 429 as it comes: the default client of the test template (Apache
     * HttpClient 5) waits for {@code Retry-After} and retries by itself.
     */
    private TestRestTemplate noRetries;

    @BeforeAll
    void clientWithoutRetries() {
        noRetries = new TestRestTemplate(new RestTemplateBuilder()
                .rootUri(http.getRootUri())
                .requestFactory(() -> new JdkClientHttpRequestFactory()));
    }

    @DynamicPropertySource
    static void previousSigningKey(DynamicPropertyRegistry registry) throws IOException {
        Path pem = Files.createTempFile("shutter-previous-key", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(
                pem,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(PREVIOUS_KEY.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        registry.add("shutter.jwt.previous-public-key-locations", () -> "file:" + pem);
    }

    @Test
    void signInAnswersARefreshTokenThatIsStoredOnlyAsItsHash() {
        String name = uniqueName("ann");
        register(name);

        JsonNode session = signIn(name, password(name), freshAddress()).getBody();

        assertThat(session.path("accessToken").asText()).isNotBlank();
        assertThat(session.path("expiresIn").asLong()).isEqualTo(900);
        assertThat(session.path("refreshExpiresIn").asLong()).isEqualTo(30L * 24 * 3600);
        String refreshToken = session.path("refreshToken").asText();
        assertThat(Base64.getUrlDecoder().decode(refreshToken)).hasSizeGreaterThanOrEqualTo(32);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM refresh_tokens WHERE token_hash IN (?, ?)",
                        Long.class,
                        RefreshTokens.hash(refreshToken),
                        refreshToken))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM refresh_tokens WHERE token_hash = ?", Long.class, refreshToken))
                .isZero();
    }

    @Test
    void refreshAnswersANewPairAndTheNewAccessTokenWorks() {
        String name = uniqueName("bea");
        String id = register(name);
        JsonNode first = signIn(name, password(name), freshAddress()).getBody();

        ResponseEntity<JsonNode> refreshed = refresh(first.path("refreshToken").asText());

        assertThat(refreshed.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode second = refreshed.getBody();
        assertThat(second.path("refreshToken").asText())
                .isNotEqualTo(first.path("refreshToken").asText());
        assertThat(subjectOf(second.path("accessToken").asText())).isEqualTo(id);
        assertThat(updateProfile(second.path("accessToken").asText()).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(refresh(second.path("refreshToken").asText()).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aSpentRefreshTokenPresentedAgainEndsTheWholeSession() {
        String name = uniqueName("cat");
        register(name);
        String spent = signIn(name, password(name), freshAddress())
                .getBody()
                .path("refreshToken")
                .asText();
        String successor = refresh(spent).getBody().path("refreshToken").asText();
        String otherSession = signIn(name, password(name), freshAddress())
                .getBody()
                .path("refreshToken")
                .asText();

        ResponseEntity<JsonNode> reused = refresh(spent);

        assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(reused.getBody().path("code").asText()).isEqualTo("REFRESH_TOKEN_REUSED");
        ResponseEntity<JsonNode> successorAfterReuse = refresh(successor);
        assertThat(successorAfterReuse.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(successorAfterReuse.getBody().path("code").asText()).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(refresh(otherSession).getStatusCode())
                .as("the user's other session is not touched")
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void twoParallelRefreshesWithOneTokenLetExactlyOneWinAndTheOtherCountsAsReuse() throws Exception {
        String name = uniqueName("dan");
        register(name);
        String token = signIn(name, password(name), freshAddress())
                .getBody()
                .path("refreshToken")
                .asText();
        CountDownLatch start = new CountDownLatch(1);
        Callable<ResponseEntity<JsonNode>> refresh = () -> {
            start.await();
            return refresh(token);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<ResponseEntity<JsonNode>> answers = new ArrayList<>();
        try {
            List<Future<ResponseEntity<JsonNode>>> futures = List.of(pool.submit(refresh), pool.submit(refresh));
            start.countDown();
            for (Future<ResponseEntity<JsonNode>> future : futures) {
                answers.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers)
                .extracting(ResponseEntity::getStatusCode)
                .containsExactlyInAnyOrder(HttpStatus.OK, HttpStatus.UNAUTHORIZED);
        ResponseEntity<JsonNode> loser = answers.stream()
                .filter(answer -> answer.getStatusCode() == HttpStatus.UNAUTHORIZED)
                .findFirst()
                .orElseThrow();
        assertThat(loser.getBody().path("code").asText()).isEqualTo("REFRESH_TOKEN_REUSED");
        String winnersToken = answers.stream()
                .filter(answer -> answer.getStatusCode() == HttpStatus.OK)
                .findFirst()
                .orElseThrow()
                .getBody()
                .path("refreshToken")
                .asText();
        assertThat(refresh(winnersToken).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void logoutEndsTheSessionAndAnswers204AgainAndForUnknownTokens() {
        String name = uniqueName("eve");
        register(name);
        String token = signIn(name, password(name), freshAddress())
                .getBody()
                .path("refreshToken")
                .asText();
        String successor = refresh(token).getBody().path("refreshToken").asText();

        assertThat(logout(successor).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<JsonNode> afterLogout = refresh(successor);
        assertThat(afterLogout.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(afterLogout.getBody().path("code").asText()).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(logout(successor).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(logout("no-such-token").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<JsonNode> empty = call(HttpMethod.POST, "/api/auth/logout", null, Map.of());
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(empty.getBody().path("errors").get(0).path("field").asText()).isEqualTo("refreshToken");
    }

    @Test
    void anUnknownRefreshTokenIsRefused() {
        ResponseEntity<JsonNode> answer = refresh("not-a-token-anyone-was-given");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getBody().path("code").asText()).isEqualTo("INVALID_REFRESH_TOKEN");
    }

    @Test
    void refreshWorksWhileAnExpiredAccessTokenIsSentAlong() {
        String name = uniqueName("fay");
        String id = register(name);
        String token = signIn(name, password(name), freshAddress())
                .getBody()
                .path("refreshToken")
                .asText();
        String expired = sign(PREVIOUS_KEY, id, Instant.now().minusSeconds(60));

        ResponseEntity<JsonNode> answer =
                call(HttpMethod.POST, "/api/auth/refresh", expired, Map.of("refreshToken", token));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void changingThePasswordRevokesEveryRefreshTokenAndOnlyTheNewPasswordSignsIn() {
        String name = uniqueName("gil");
        register(name);
        JsonNode phone = signIn(name, password(name), freshAddress()).getBody();
        String tablet = signIn(name, password(name), freshAddress())
                .getBody()
                .path("refreshToken")
                .asText();

        ResponseEntity<JsonNode> changed = changePassword(
                phone.path("accessToken").asText(), password(name), "a brand new secret", freshAddress());

        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(refresh(phone.path("refreshToken").asText()).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(refresh(tablet).getBody().path("code").asText()).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(signIn(name, password(name), freshAddress()).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(signIn(name, "a brand new secret", freshAddress()).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aWrongCurrentPasswordIsRefusedAndChangesNothing() {
        String name = uniqueName("hal");
        register(name);
        JsonNode session = signIn(name, password(name), freshAddress()).getBody();

        ResponseEntity<JsonNode> answer = changePassword(
                session.path("accessToken").asText(), "not my password", "a brand new secret", freshAddress());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(answer.getBody().path("code").asText()).isEqualTo("WRONG_PASSWORD");
        assertThat(refresh(session.path("refreshToken").asText()).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(signIn(name, password(name), freshAddress()).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aNewPasswordThatIsTheUsernameOrTooShortIsRefusedNamingTheField() {
        String name = uniqueName("ivy");
        register(name);
        JsonNode session = signIn(name, password(name), freshAddress()).getBody();
        String accessToken = session.path("accessToken").asText();

        for (String rejected : List.of(name.toUpperCase(), "short", "x".repeat(129))) {
            ResponseEntity<JsonNode> answer = changePassword(accessToken, password(name), rejected, freshAddress());

            assertThat(answer.getStatusCode()).as(rejected).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody().path("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(answer.getBody().path("errors").get(0).path("field").asText())
                    .isEqualTo("newPassword");
        }
        assertThat(refresh(session.path("refreshToken").asText()).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(changePassword(null, password(name), "a brand new secret", freshAddress())
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void wrongPasswordsForOneAccountLockItOutEvenForTheRightPasswordForAGrowingWindow() throws Exception {
        String name = uniqueName("jon");
        register(name);

        long firstWindow = lockOut(name);
        Thread.sleep(firstWindow * 1000);
        long secondWindow = lockOut(name);
        assertThat(secondWindow).as("the second lockout in a row lasts longer").isGreaterThan(firstWindow);
        Thread.sleep(secondWindow * 1000);

        assertThat(signIn(name, password(name), freshAddress()).getStatusCode())
                .as("the right password works once the window is over")
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void wrongPasswordsFromOneAddressRefuseEveryAccountFromThatAddressUntilTheWindowIsOver() throws Exception {
        String name = uniqueName("kim");
        register(name);
        String attacker = freshAddress();
        for (int attempt = 0; attempt < 4; attempt++) {
            assertThat(signIn(uniqueName("nobody"), "guess " + attempt, attacker)
                            .getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }

        ResponseEntity<JsonNode> refused = signIn(name, password(name), attacker);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getBody().path("code").asText()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(signIn(name, password(name), freshAddress()).getStatusCode())
                .as("other addresses are not affected")
                .isEqualTo(HttpStatus.OK);
        Thread.sleep(retryAfter(refused) * 1000);
        assertThat(signIn(name, password(name), attacker).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void wrongCurrentPasswordsInAPasswordChangeCountTowardsTheAccountsLimit() {
        String name = uniqueName("lea");
        register(name);
        String accessToken = signIn(name, password(name), freshAddress())
                .getBody()
                .path("accessToken")
                .asText();
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(changePassword(accessToken, "guess " + attempt, "a brand new secret", freshAddress())
                            .getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }

        ResponseEntity<JsonNode> refused =
                changePassword(accessToken, password(name), "a brand new secret", freshAddress());

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotNull();
        assertThat(signIn(name, password(name), freshAddress()).getStatusCode())
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void theKeySetPublishesTheSigningKeyAndThePreviousKeyWhoseTokensStayValid() throws Exception {
        String name = uniqueName("max");
        String id = register(name);
        String accessToken = signIn(name, password(name), freshAddress())
                .getBody()
                .path("accessToken")
                .asText();

        JsonNode keys = http.getForEntity("/.well-known/jwks.json", JsonNode.class)
                .getBody()
                .path("keys");

        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).path("kid").asText())
                .isEqualTo(SignedJWT.parse(accessToken).getHeader().getKeyID());
        assertThat(keys.findValues("d")).as("no private parts").isEmpty();
        assertThat(updateProfile(sign(PREVIOUS_KEY, id, Instant.now().plusSeconds(300)))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(updateProfile(sign(FOREIGN_KEY, id, Instant.now().plusSeconds(300)))
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /** Three wrong passwords from three addresses; the fourth attempt, right password, is refused: its window. */
    private long lockOut(String name) {
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(signIn(name, "wrong " + attempt, freshAddress()).getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        ResponseEntity<JsonNode> refused = signIn(name, password(name), freshAddress());
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getBody().path("code").asText()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return retryAfter(refused);
    }

    private static long retryAfter(ResponseEntity<JsonNode> refused) {
        long seconds = Long.parseLong(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(seconds).isBetween(1L, 4L);
        return seconds;
    }

    private ResponseEntity<JsonNode> signIn(String login, String password, String clientAddress) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        // The test talks to the command side over the loopback, a trusted proxy: it names the client itself.
        headers.add("X-Forwarded-For", clientAddress);
        return noRetries.exchange(
                "/api/auth/token",
                HttpMethod.POST,
                new HttpEntity<>(Map.of("login", login, "password", password), headers),
                JsonNode.class);
    }

    private ResponseEntity<JsonNode> changePassword(
            String accessToken, String current, String next, String clientAddress) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.add("X-Forwarded-For", clientAddress);
        if (accessToken != null) {
            headers.setBearerAuth(accessToken);
        }
        return noRetries.exchange(
                "/api/users/me/password",
                HttpMethod.PUT,
                new HttpEntity<>(Map.of("currentPassword", current, "newPassword", next), headers),
                JsonNode.class);
    }

    private ResponseEntity<JsonNode> refresh(String refreshToken) {
        return call(HttpMethod.POST, "/api/auth/refresh", null, Map.of("refreshToken", refreshToken));
    }

    private ResponseEntity<JsonNode> logout(String refreshToken) {
        return call(HttpMethod.POST, "/api/auth/logout", null, Map.of("refreshToken", refreshToken));
    }

    private ResponseEntity<JsonNode> updateProfile(String accessToken) {
        return call(HttpMethod.PUT, "/api/users/me/profile", accessToken, Map.of("displayName", "Someone"));
    }

    private static String password(String name) {
        return "correct horse " + name;
    }

    /** An address from the documentation range, different for every call. */
    private static String freshAddress() {
        UUID random = UUID.randomUUID();
        return "2001:db8::" + Integer.toHexString((int) (random.getMostSignificantBits() & 0xffff)) + ":"
                + Integer.toHexString((int) (random.getLeastSignificantBits() & 0xffff));
    }

    private static String subjectOf(String accessToken) {
        try {
            return SignedJWT.parse(accessToken).getJWTClaimsSet().getSubject();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static String sign(KeyPair key, String subject, Instant expiresAt) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.RS256),
                    new JWTClaimsSet.Builder()
                            .issuer("shutter")
                            .subject(subject)
                            .claim("scope", "user")
                            .issueTime(Date.from(expiresAt.minusSeconds(900)))
                            .expirationTime(Date.from(expiresAt))
                            .build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
