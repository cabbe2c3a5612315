package dev.shutter.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.shutter.devstack.infra.JwtKeys;
import dev.shutter.events.AmqpTopology;
import dev.shutter.events.WireHeaders;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.media.MediaStored;
import dev.shutter.events.personal.PersonalDataCodec;
import dev.shutter.events.post.CommentAdded;
import dev.shutter.events.post.CommentDeleted;
import dev.shutter.events.post.PostCaptionEdited;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.PostUnliked;
import dev.shutter.events.user.DeviceRegistered;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserRegistered;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "shutter.admin.password=admin secret 1")
class CommandSideIT extends CommandSideIntegrationTest {

    @Autowired
    JwtDecoder jwtDecoder;

    @Autowired
    RSAKey signingKey;

    @Autowired
    List<ApplicationRunner> startUpTasks;

    @Test
    void aUserSignsUpSetsUpTheProfileFollowsPostsAndTheRelayPublishesThePost() throws Exception {
        String relayed = bindTestQueue();
        String adaName = uniqueName("ada");
        String ada = register(adaName);
        String bob = register(uniqueName("bob"));

        String token = tokenOf(adaName.toUpperCase(), adaName);
        Jwt jwt = jwtDecoder.decode(token);
        assertThat(jwt.getSubject()).isEqualTo(ada);
        assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo(adaName);
        assertThat(jwt.getClaimAsString("scope")).isEqualTo("user");
        assertThat(storedPayload(ada, UserRegistered.class).get("registeredAt").isTextual())
                .as("instants are stored as ISO-8601 strings")
                .isTrue();

        assertThat(call(HttpMethod.PUT, "/api/users/me/profile", token, Map.of("displayName", "Ada", "bio", "Hi"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(eventCount(ada, ProfileUpdated.class)).isEqualTo(1);

        Map<String, String> device = Map.of("token", "fcm-" + ada, "platform", "android");
        assertThat(call(HttpMethod.POST, "/api/users/me/devices", token, device).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(call(HttpMethod.POST, "/api/users/me/devices", token, device).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(eventCount(ada, DeviceRegistered.class)).isEqualTo(1);

        assertThat(call(HttpMethod.PUT, "/api/users/me/following/" + bob, token, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(call(HttpMethod.PUT, "/api/users/me/following/" + bob, token, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(eventCount(ada + ":" + bob, UserFollowed.class)).isEqualTo(1);

        String mediaId = UUID.randomUUID().toString();
        publishMediaStored(mediaId, ada);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForList("SELECT owner_id FROM media WHERE media_id = ?", String.class, mediaId)
                        .equals(List.of(ada)));

        ResponseEntity<JsonNode> created = call(
                HttpMethod.POST, "/api/posts", token, Map.of("caption", "First light", "mediaIds", List.of(mediaId)));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String postId = created.getBody().get("id").asText();
        assertThat(created.getHeaders().getLocation()).hasToString("/api/posts/" + postId);
        JsonNode stored = storedPayload(postId, PostPublished.class);
        assertThat(stored.get("authorId").asText()).isEqualTo(ada);
        assertThat(stored.get("mediaIds").get(0).asText()).isEqualTo(mediaId);
        assertThat(PersonalDataCodec.isSealed(stored.get("caption")))
                .as("the caption is stored sealed with the author's key: %s", stored)
                .isTrue();

        PostPublished body = relayedPostPublished(awaitRelayed(relayed, postId), postId);
        assertThat(body.postId()).isEqualTo(postId);
        assertThat(body.caption()).isEqualTo("First light");
        assertThat(body.mediaIds()).containsExactly(mediaId);
    }

    @Test
    void rejectsASecondRegistrationOfTheSameUsernameInAnyCaseAndAppendsNothing() {
        String name = uniqueName("cy");
        register(name);
        long accounts = count("SELECT count(*) FROM accounts");
        long registrations = registeredEvents();

        ResponseEntity<JsonNode> again = call(
                HttpMethod.POST,
                "/api/users",
                null,
                Map.of(
                        "username",
                        name.toUpperCase(),
                        "email",
                        "other-" + name + "@example.com",
                        "password",
                        "another password",
                        "displayName",
                        "Imposter"));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(again.getBody().get("code").asText()).isEqualTo("USERNAME_TAKEN");
        assertThat(count("SELECT count(*) FROM accounts")).isEqualTo(accounts);
        assertThat(registeredEvents()).isEqualTo(registrations);
    }

    @Test
    void rejectsASecondAccountWithTheSameEmail() {
        String name = uniqueName("dee");
        register(name);

        ResponseEntity<JsonNode> again = call(
                HttpMethod.POST,
                "/api/users",
                null,
                Map.of(
                        "username",
                        name + "2",
                        "email",
                        name.toUpperCase() + "@EXAMPLE.com",
                        "password",
                        "another password",
                        "displayName",
                        "Dee"));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("code").asText()).isEqualTo("EMAIL_TAKEN");
    }

    @Test
    void concurrentRegistrationsOfOneUsernameCreateExactlyOneAccountAndOneEvent() throws Exception {
        String name = uniqueName("eve");
        long registrations = registeredEvents();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<HttpStatus>> attempts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int attempt = i;
                attempts.add(() -> HttpStatus.valueOf(call(
                                HttpMethod.POST,
                                "/api/users",
                                null,
                                Map.of(
                                        "username",
                                        name,
                                        "email",
                                        attempt + "-" + name + "@example.com",
                                        "password",
                                        "a good password",
                                        "displayName",
                                        "Eve"))
                        .getStatusCode()
                        .value()));
            }
            List<HttpStatus> statuses = new ArrayList<>();
            for (Future<HttpStatus> result : pool.invokeAll(attempts)) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnlyOnce(HttpStatus.CREATED);
            assertThat(statuses)
                    .filteredOn(status -> status != HttpStatus.CREATED)
                    .containsOnly(HttpStatus.CONFLICT);
        } finally {
            pool.shutdownNow();
        }
        assertThat(registeredEvents()).isEqualTo(registrations + 1);
        assertThat(count("SELECT count(*) FROM accounts WHERE username_lower = '" + name.toLowerCase() + "'"))
                .isEqualTo(1);
    }

    @Test
    void rejectsWrongPasswordsWithBadCredentials() {
        String name = uniqueName("fay");
        register(name);

        ResponseEntity<JsonNode> response =
                call(HttpMethod.POST, "/api/auth/token", null, Map.of("login", name, "password", "wrong password"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getBody().get("code").asText()).isEqualTo("BAD_CREDENTIALS");
    }

    @Test
    void logsInWithTheEmailAddressInAnyCase() {
        String name = uniqueName("gus");
        String id = register(name);

        ResponseEntity<JsonNode> response = call(
                HttpMethod.POST,
                "/api/auth/token",
                null,
                Map.of("login", name.toUpperCase() + "@Example.COM", "password", "correct horse " + name));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(response.getBody().get("expiresIn").asLong()).isEqualTo(900);
        assertThat(jwtDecoder
                        .decode(response.getBody().get("accessToken").asText())
                        .getSubject())
                .isEqualTo(id);
    }

    @Test
    void rejectsAPostWithAnotherUsersMedia() {
        String owner = register(uniqueName("hal"));
        String thiefName = uniqueName("ivy");
        register(thiefName);
        String mediaId = UUID.randomUUID().toString();
        publishMediaStored(mediaId, owner);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("SELECT count(*) FROM media WHERE media_id = '" + mediaId + "'") == 1);

        ResponseEntity<JsonNode> response = call(
                HttpMethod.POST, "/api/posts", tokenOf(thiefName), Map.of("caption", "", "mediaIds", List.of(mediaId)));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(response.getBody().get("code").asText()).isEqualTo("MEDIA_NOT_OWNED");
    }

    @Test
    void rejectsAPostWithMediaThatIsNotStoredYet() {
        String name = uniqueName("jon");
        register(name);

        ResponseEntity<JsonNode> response = call(
                HttpMethod.POST,
                "/api/posts",
                tokenOf(name),
                Map.of("caption", "", "mediaIds", List.of(UUID.randomUUID().toString())));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(response.getBody().get("code").asText()).isEqualTo("MEDIA_NOT_READY");
    }

    @Test
    void rejectsAnUnauthenticatedWriteWithProblemJson() {
        ResponseEntity<JsonNode> response =
                call(HttpMethod.POST, "/api/posts", null, Map.of("caption", "", "mediaIds", List.of("m1")));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("code").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void acceptsOnlyRs256TokensOfAPublishedKey() throws Exception {
        String name = uniqueName("kit");
        String id = register(name);
        JWTClaimsSet claims = SignedJWT.parse(tokenOf(name, name)).getJWTClaimsSet();
        RSASSASigner ours = new RSASSASigner(signingKey);
        String kid = signingKey.getKeyID();

        assertThat(jwtDecoder
                        .decode(signed(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims, ours))
                        .getSubject())
                .as("no kid: checked against every published key")
                .isEqualTo(id);
        assertThatThrownBy(() -> jwtDecoder.decode(signed(
                        new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .keyID("unknown")
                                .build(),
                        claims,
                        ours)))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> jwtDecoder.decode(signed(
                        new JWSHeader.Builder(JWSAlgorithm.RS512).keyID(kid).build(), claims, ours)))
                .isInstanceOf(JwtException.class);
        // The published modulus as an HMAC secret: the algorithm confusion a key selector must not fall for.
        MACSigner publicBytes =
                new MACSigner(signingKey.toPublicJWK().getModulus().decode());
        assertThatThrownBy(() -> jwtDecoder.decode(signed(
                        new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims, publicBytes)))
                .isInstanceOf(JwtException.class);
    }

    private static String signed(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) throws Exception {
        SignedJWT token = new SignedJWT(header, claims);
        token.sign(signer);
        return token.serialize();
    }

    @Test
    void rejectsATokenSignedWithAnotherKey() {
        String forged = JwtKeys.generate()
                .token(UUID.randomUUID().toString(), "mallory", Set.of("user", "admin"), Duration.ofMinutes(5));

        ResponseEntity<JsonNode> response = call(HttpMethod.PUT, "/api/posts/p1/likes/me", forged, null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getBody().get("code").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void followingYourselfOrAnUnknownUserIsRejected() {
        String name = uniqueName("kim");
        String kim = register(name);
        String token = tokenOf(name);

        ResponseEntity<JsonNode> self = call(HttpMethod.PUT, "/api/users/me/following/" + kim, token, null);
        ResponseEntity<JsonNode> unknown =
                call(HttpMethod.PUT, "/api/users/me/following/" + UUID.randomUUID(), token, null);
        ResponseEntity<JsonNode> unfollowStranger =
                call(HttpMethod.DELETE, "/api/users/me/following/" + UUID.randomUUID(), token, null);

        assertThat(self.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(self.getBody().get("code").asText()).isEqualTo("CANNOT_FOLLOW_SELF");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(unfollowStranger.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE '" + kim + ":%'"))
                .isZero();
    }

    @Test
    void answersNotFoundForPostsThatDoNotExistOrAreDeleted() {
        String name = uniqueName("lea");
        String lea = register(name);
        String token = tokenOf(name);
        String mediaId = UUID.randomUUID().toString();
        publishMediaStored(mediaId, lea);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("SELECT count(*) FROM media WHERE media_id = '" + mediaId + "'") == 1);
        String postId = call(HttpMethod.POST, "/api/posts", token, Map.of("mediaIds", List.of(mediaId)))
                .getBody()
                .get("id")
                .asText();
        assertThat(call(HttpMethod.DELETE, "/api/posts/" + postId, token, null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(call(HttpMethod.PUT, "/api/posts/" + postId + "/likes/me", token, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(HttpMethod.PUT, "/api/posts/" + UUID.randomUUID() + "/likes/me", token, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(HttpMethod.PUT, "/api/posts/" + lea + "/likes/me", token, null)
                        .getStatusCode())
                .as("a user's id is not a post id")
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theAdminAccountExistsOnceWithTheAdminScope() throws Exception {
        assertThat(count("SELECT count(*) FROM accounts WHERE username_lower = 'admin'"))
                .isEqualTo(1);
        String admin = jdbc.queryForObject("SELECT user_id FROM accounts WHERE username_lower = 'admin'", String.class);
        assertThat(eventCount(admin, UserRegistered.class)).isEqualTo(1);

        ResponseEntity<JsonNode> login =
                call(HttpMethod.POST, "/api/auth/token", null, Map.of("login", "admin", "password", "admin secret 1"));

        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
        Jwt jwt = jwtDecoder.decode(login.getBody().get("accessToken").asText());
        assertThat(jwt.getClaimAsString("scope")).isEqualTo("user admin");

        for (ApplicationRunner startUpTask : startUpTasks) {
            startUpTask.run(new DefaultApplicationArguments());
        }
        assertThat(count("SELECT count(*) FROM accounts WHERE username_lower = 'admin'"))
                .as("a restart finds the admin account and leaves it alone")
                .isEqualTo(1);
        assertThat(eventCount(admin, UserRegistered.class)).isEqualTo(1);
    }

    @Test
    void servesThePublicKeyAsJwks() {
        ResponseEntity<JsonNode> jwks = call(HttpMethod.GET, "/.well-known/jwks.json", null, null);

        assertThat(jwks.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode key = jwks.getBody().get("keys").get(0);
        assertThat(key.get("kty").asText()).isEqualTo("RSA");
        assertThat(key.has("d")).as("the private exponent stays private").isFalse();
    }

    @Test
    void likesAndCommentsChangeThePostOnlyWhenSomethingChanges() {
        String authorName = uniqueName("max");
        String author = register(authorName);
        String fanName = uniqueName("ned");
        register(fanName);
        String strangerName = uniqueName("oli");
        register(strangerName);
        String postId = publishPostOf(author, tokenOf(authorName));
        String fan = tokenOf(fanName);

        assertThat(call(HttpMethod.PUT, "/api/posts/" + postId + "/likes/me", fan, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(call(HttpMethod.PUT, "/api/posts/" + postId + "/likes/me", fan, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(call(HttpMethod.DELETE, "/api/posts/" + postId + "/likes/me", fan, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(call(HttpMethod.DELETE, "/api/posts/" + postId + "/likes/me", fan, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(eventCount(postId, PostLiked.class)).isEqualTo(1);
        assertThat(eventCount(postId, PostUnliked.class)).isEqualTo(1);

        ResponseEntity<JsonNode> comment =
                call(HttpMethod.POST, "/api/posts/" + postId + "/comments", fan, Map.of("text", "Lovely"));
        assertThat(comment.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String commentId = comment.getBody().get("id").asText();
        assertThat(comment.getHeaders().getLocation()).hasToString("/api/posts/" + postId + "/comments/" + commentId);

        String commentPath = "/api/posts/" + postId + "/comments/" + commentId;
        ResponseEntity<JsonNode> byStranger = call(HttpMethod.DELETE, commentPath, tokenOf(strangerName), null);
        assertThat(byStranger.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byStranger.getBody().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(call(HttpMethod.DELETE, commentPath, tokenOf(authorName), null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(call(HttpMethod.DELETE, commentPath, fan, null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(eventCount(postId, CommentAdded.class)).isEqualTo(1);
        assertThat(eventCount(postId, CommentDeleted.class)).isEqualTo(1);
    }

    @Test
    void onlyTheAuthorEditsTheCaption() throws Exception {
        String authorName = uniqueName("pam");
        String author = register(authorName);
        String otherName = uniqueName("quin");
        register(otherName);
        String postId = publishPostOf(author, tokenOf(authorName));

        ResponseEntity<JsonNode> byOther =
                call(HttpMethod.PATCH, "/api/posts/" + postId, tokenOf(otherName), Map.of("caption", "Mine now"));
        ResponseEntity<JsonNode> byAuthor =
                call(HttpMethod.PATCH, "/api/posts/" + postId, tokenOf(authorName), Map.of("caption", "Golden hour"));

        assertThat(byOther.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byAuthor.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(storedEvents(postId, PostCaptionEdited.class))
                .extracting(PostCaptionEdited::caption)
                .containsExactly("Golden hour");
    }

    @Test
    void parksAMessageThatIsNotAReadableMediaStoredAsADeadLetterOfTheMediaConsumer() {
        String body = "{not json " + UUID.randomUUID();
        MessageProperties properties = new MessageProperties();
        properties.setHeader(WireHeaders.MESSAGE_TYPE, MediaStored.class.getName());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbitTemplate.send(
                EXCHANGE,
                AmqpTopology.routingKey(MediaStored.class),
                new Message(body.getBytes(StandardCharsets.UTF_8), properties));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("SELECT count(*) FROM consumer_dead_letters WHERE consumer = 'command-side.media'"
                                + " AND body = '" + body + "'")
                        == 1);
        assertThat(jdbc.queryForObject("SELECT reason FROM consumer_dead_letters WHERE body = ?", String.class, body))
                .startsWith("not a Shutter event");
    }

    @Test
    void healthIsOpenAndUnknownPathsAreNotFound() {
        assertThat(call(HttpMethod.GET, "/actuator/health", null, null).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        String name = uniqueName("rae");
        register(name);
        ResponseEntity<JsonNode> unknown = call(HttpMethod.GET, "/api/nothing-here", tokenOf(name), null);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("code").asText()).isEqualTo("NOT_FOUND");
    }

    private String publishPostOf(String authorId, String token) {
        String mediaId = UUID.randomUUID().toString();
        publishMediaStored(mediaId, authorId);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("SELECT count(*) FROM media WHERE media_id = '" + mediaId + "'") == 1);
        ResponseEntity<JsonNode> created =
                call(HttpMethod.POST, "/api/posts", token, Map.of("caption", "A post", "mediaIds", List.of(mediaId)));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return created.getBody().get("id").asText();
    }

    private String bindTestQueue() {
        String queue = "test.relayed." + UUID.randomUUID();
        // not exclusive: the broker may see the declaring and the reading channel on different connections
        amqpAdmin.declareQueue(QueueBuilder.nonDurable(queue).expires(300_000).build());
        Binding binding = BindingBuilder.bind(new Queue(queue))
                .to(new TopicExchange(EXCHANGE))
                .with(AmqpTopology.ALL_EVENTS);
        amqpAdmin.declareBinding(binding);
        return queue;
    }

    private long registeredEvents() {
        return count("SELECT count(*) FROM domain_event_entry WHERE payload_type = '" + UserRegistered.class.getName()
                + "'");
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
