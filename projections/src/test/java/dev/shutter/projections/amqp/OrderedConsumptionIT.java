package dev.shutter.projections.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.post.PostCaptionEdited;
import dev.shutter.events.post.PostLiked;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.post.UsersMentioned;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.projections.support.FaultyMongoTemplate;
import dev.shutter.projections.support.ItInfrastructure;
import dev.shutter.projections.support.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The live consumer on a real broker when events cannot be applied: a failed write is retried in place before the
 * later events of its aggregate, a message that cannot be applied is parked once as a dead letter with the later
 * events of its aggregate behind it while others flow, and an admin lists, retries and drops dead letters.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=projections",
            "shutter.consumer.first-backoff=20ms",
            "shutter.consumer.max-backoff=200ms"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderedConsumptionIT {

    private static final ItInfrastructure INFRA = new ItInfrastructure();
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");
    private static final String CONSUMERS = "/api/admin/consumers";
    private static final String DEAD_LETTERS = CONSUMERS + "/projections/dead-letters";
    private static final String NULLS =
            "{\"postId\":null,\"authorId\":null,\"caption\":null,\"mediaIds\":null,\"publishedAt\":null}";

    private final RabbitTemplate rabbit;
    private final ObjectMapper objectMapper;
    private final TestRestTemplate http;
    private final FaultyMongoTemplate postsStore;
    private final MongoTemplate posts = INFRA.mongo().template("posts");
    private final MongoTemplate profiles = INFRA.mongo().template("profiles");
    private final MongoTemplate deadLetters = INFRA.mongo().template("projections");
    private final AtomicLong globalIndex = new AtomicLong(1);

    OrderedConsumptionIT(
            @Autowired RabbitTemplate rabbit,
            @Autowired ObjectMapper objectMapper,
            @Autowired TestRestTemplate http,
            @Autowired @Qualifier("postsMongo") MongoTemplate postsStore) {
        this.rabbit = rabbit;
        this.objectMapper = objectMapper;
        this.http = http;
        this.postsStore = (FaultyMongoTemplate) postsStore;
    }

    @TestConfiguration
    static class Faults {

        @Bean
        static BeanPostProcessor faultyPostsStore() {
            return FaultyMongoTemplate.replacing("postsMongo");
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry);
    }

    @AfterAll
    void removeBrokerObjects(@Autowired ApplicationContext context) {
        INFRA.removeBrokerObjects(context);
    }

    @Test
    void aPostPublishedWithABodyOfNullsIsParkedOnceAndTheLaterEventsOfItsPostWaitBehindIt() {
        String post = UUID.randomUUID().toString();
        String author = UUID.randomUUID().toString();
        StoredEvent poison = event("Post", post, 0, new PostPublished(post, author, "Hidden", List.of(), AT));
        publish(withBody(poison, NULLS));
        publish(event("Post", post, 1, new PostCaptionEdited(post, author, "Edited later")));

        awaitRegistered(UUID.randomUUID().toString());

        List<Document> letters = lettersOf(post);
        assertThat(letters).hasSize(2);
        assertThat(letters.get(0))
                .contains(entry("eventId", poison.eventId()), entry("aggregateSequence", 0L), entry("attempts", 5));
        assertThat(letters.get(0).getString("reason")).contains("PostPublished", "has no field set");
        assertThat(letters.get(1)).contains(entry("aggregateSequence", 1L), entry("attempts", 0));
        assertThat(letters.get(1).getString("reason")).contains("waiting behind");
        assertThat(posts.findById(post, Document.class, "posts_g1")).isNull();
        assertThat(posts.count(query(where("_id").isNull()), "posts_g1")).isZero();
        assertParkedOnceAndGoneFromTheBroker(post, letters);
    }

    @Test
    void aBodyThatIsNotJsonIsParkedAtOnceAndOtherAggregatesFlow() {
        String post = UUID.randomUUID().toString();
        StoredEvent poison = event("Post", post, 0, new PostPublished(post, "someone", "Hidden", List.of(), AT));
        publish(withBody(poison, "this is not JSON"));
        String user = UUID.randomUUID().toString();

        awaitRegistered(user);

        List<Document> letters = lettersOf(post);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter).contains(entry("eventId", poison.eventId()), entry("attempts", 1));
            assertThat(letter.getString("reason")).contains("not a Shutter event", "unreadable body");
        });
        assertThat(profiles.findById(user, Document.class, "users_g1")).isNotNull();
        assertParkedOnceAndGoneFromTheBroker(post, letters);
    }

    @Test
    void aWriteThatFailsAFewTimesIsRetriedBeforeTheLaterEventsOfItsPostReadAheadBehindIt() {
        String alice = register();
        String bob = register();
        String post = UUID.randomUUID().toString();
        postsStore.failUpserts(post, 3);

        publish(postWithMentionAndLike(post, alice, bob));

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(posts.findById(post, Document.class, "posts_g1"))
                .contains(entry("likeCount", 1L)));
        assertThat(posts.findById(post, Document.class, "posts_g1"))
                .contains(
                        entry("seq", 1L),
                        entry("authorId", alice),
                        entry("caption", "Morning walk with @bob"),
                        entry("mediaIds", List.of("m-" + post)),
                        entry("mentionedUserIds", List.of(bob)),
                        entry("deleted", false));
        assertThat(postsStore.failures(post)).isEqualTo(3);
        assertThat(lettersOf(post)).isEmpty();
    }

    @Test
    void anAdminListsRetriesInOrderAndDropsDeadLetters() throws Exception {
        String alice = register();
        String bob = register();
        String post = UUID.randomUUID().toString();
        postsStore.failUpsertsUntilFixed(post);
        publish(postWithMentionAndLike(post, alice, bob));
        String unreadablePost = UUID.randomUUID().toString();
        publish(withBody(
                event("Post", unreadablePost, 0, new PostPublished(unreadablePost, alice, "x", List.of(), AT)),
                "{not json"));
        await().atMost(DEADLINE)
                .until(() ->
                        lettersOf(post).size() == 3 && lettersOf(unreadablePost).size() == 1);

        JsonNode consumers = get(CONSUMERS);
        assertThat(consumers.findValuesAsText("name")).contains("projections");
        JsonNode page = get(DEAD_LETTERS + "?limit=500");
        List<JsonNode> ofPost = new ArrayList<>();
        page.get("deadLetters").forEach(letter -> {
            if (letter.get("aggregateId").asText().equals(post)) {
                ofPost.add(letter);
            }
        });
        assertThat(ofPost)
                .extracting(letter -> letter.get("aggregateSequence").asLong())
                .containsExactly(0L, 1L, 2L);
        assertThat(ofPost.get(0).get("reason").asText()).contains("injected failure");
        assertThat(ofPost.get(0).get("eventType").asText()).isEqualTo(PostPublished.class.getName());
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(4);

        ResponseEntity<String> notFirst =
                post(DEAD_LETTERS + "/" + ofPost.get(1).get("id").asText() + "/retry");
        assertProblem(notFirst, HttpStatus.CONFLICT, "DEAD_LETTER_NOT_FIRST");

        JsonNode stillFailing = json(post(DEAD_LETTERS + "/aggregates/" + post + "/retry"));
        assertThat(stillFailing.get("applied").asInt()).isZero();
        assertThat(stillFailing.get("remaining").asInt()).isEqualTo(3);
        assertThat(posts.findById(post, Document.class, "posts_g1")).isNull();

        postsStore.fix(post);
        JsonNode retried = json(post(DEAD_LETTERS + "/aggregates/" + post + "/retry"));

        assertThat(retried.get("applied").asInt()).isEqualTo(3);
        assertThat(retried.get("remaining").asInt()).isZero();
        assertThat(posts.findById(post, Document.class, "posts_g1"))
                .contains(
                        entry("authorId", alice),
                        entry("caption", "Morning walk with @bob"),
                        entry("mentionedUserIds", List.of(bob)),
                        entry("likeCount", 1L),
                        entry("seq", 1L));
        assertThat(lettersOf(post)).isEmpty();

        String unreadable = lettersOf(unreadablePost).get(0).getString("_id");
        ResponseEntity<String> dropped =
                http.exchange(DEAD_LETTERS + "/" + unreadable, HttpMethod.DELETE, admin(), String.class);
        assertThat(dropped.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(lettersOf(unreadablePost)).isEmpty();
        assertThat(get(DEAD_LETTERS + "?limit=500").findValuesAsText("aggregateId"))
                .doesNotContain(post, unreadablePost);
    }

    @Test
    void aDeletedUserLeavesNoDeadLetterThatMentionsThem() {
        String gina = register();
        String other = register();
        String ginasPost = UUID.randomUUID().toString();
        String othersPost = UUID.randomUUID().toString();
        postsStore.failUpsertsUntilFixed(ginasPost);
        postsStore.failUpsertsUntilFixed(othersPost);
        publish(List.of(
                event("Post", ginasPost, 0, new PostPublished(ginasPost, gina, "Mine", List.of(), AT)),
                event("Post", othersPost, 0, new PostPublished(othersPost, other, "Not hers", List.of(), AT))));
        await().atMost(DEADLINE)
                .until(() -> lettersOf(ginasPost).size() == 1
                        && lettersOf(othersPost).size() == 1);

        publish(event("User", gina, 1, new UserDeleted(gina, AT.plusSeconds(60))));

        await().atMost(DEADLINE).until(() -> lettersOf(ginasPost).isEmpty());
        assertThat(deadLetters.count(query(where("body").regex(gina)), "consumer_dead_letters"))
                .isZero();
        assertThat(lettersOf(othersPost)).hasSize(1);
        postsStore.fix(ginasPost);
        postsStore.fix(othersPost);
    }

    @Test
    void aDeletedUserLeavesNoDeadLetterOfTheirOwnAccountEither() {
        String gina = register();
        StoredEvent profile = event("User", gina, 1, new ProfileUpdated(gina, "Gina Lollo", "Sunsets only", null));
        publish(withBody(profile, "{\"userId\":\"" + gina + "\",\"displayName\":"));
        await().atMost(DEADLINE).until(() -> lettersOf(gina).size() == 1);

        publish(event("User", gina, 2, new UserDeleted(gina, AT.plusSeconds(60))));

        await().atMost(DEADLINE).until(() -> lettersOf(gina).isEmpty());
        assertThat(profiles.findById(gina, Document.class, "users_g1")).isNull();
    }

    @Test
    void deadLettersNeedAToken() {
        ResponseEntity<String> response = http.getForEntity(DEAD_LETTERS, String.class);

        assertProblem(response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
    }

    @Test
    void deadLettersNeedTheAdminScope() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(INFRA.jwtKeys().token("u1", "someone", Set.of("user"), Duration.ofMinutes(5)));

        for (String path : List.of(CONSUMERS, DEAD_LETTERS)) {
            ResponseEntity<String> response =
                    http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
            assertProblem(response, HttpStatus.FORBIDDEN, "FORBIDDEN");
        }
        ResponseEntity<String> retry = http.exchange(
                DEAD_LETTERS + "/aggregates/any/retry", HttpMethod.POST, new HttpEntity<>(headers), String.class);
        assertProblem(retry, HttpStatus.FORBIDDEN, "FORBIDDEN");
    }

    /** alice publishes a post mentioning bob (the caption's mention comes as its own event), and bob likes it. */
    private List<StoredEvent> postWithMentionAndLike(String post, String alice, String bob) {
        return List.of(
                event(
                        "Post",
                        post,
                        0,
                        new PostPublished(post, alice, "Morning walk with @bob", List.of("m-" + post), AT)),
                event("Post", post, 1, new UsersMentioned(post, null, alice, List.of(bob), AT)),
                event("Post", post, 2, new PostLiked(post, bob, AT.plusSeconds(5))));
    }

    /** The letters of an aggregate, in its order. */
    private List<Document> lettersOf(String aggregateId) {
        return deadLetters.find(
                query(where("consumer").is("projections").and("sequenceKey").is(aggregateId))
                        .with(Sort.by("aggregateSequence", "position")),
                Document.class,
                "consumer_dead_letters");
    }

    /** Nothing was tried again after parking, nothing waits in the queue, and nothing went to its dead-letter queue. */
    private void assertParkedOnceAndGoneFromTheBroker(String aggregateId, List<Document> parked) {
        awaitRegistered(UUID.randomUUID().toString());
        assertThat(lettersOf(aggregateId)).isEqualTo(parked);
        assertThat(messagesIn(INFRA.queue())).isZero();
        assertThat(messagesIn(INFRA.deadLetterQueue())).isZero();
    }

    private int messagesIn(String queue) {
        return rabbit.execute(channel -> channel.queueDeclarePassive(queue).getMessageCount());
    }

    private String register() {
        String user = UUID.randomUUID().toString();
        awaitRegistered(user);
        return user;
    }

    /** Publishes a registration and waits until its profile is complete: every message before it was handled. */
    private void awaitRegistered(String userId) {
        String name = "u" + userId.substring(0, 8);
        publish(event("User", userId, 0, new UserRegistered(userId, name, name + "@example.com", name, AT)));
        await().atMost(DEADLINE).until(() -> {
            Document profile = profiles.findById(userId, Document.class, "users_g1");
            return profile != null && profile.containsKey("postCount");
        });
    }

    private StoredEvent event(String type, String aggregateId, long sequence, Record payload) {
        return StoredEvent.of(globalIndex.getAndIncrement(), type, aggregateId, sequence, payload);
    }

    private Message withBody(StoredEvent event, String body) {
        Message message = event.message(objectMapper);
        return new Message(body.getBytes(StandardCharsets.UTF_8), message.getMessageProperties());
    }

    private void publish(StoredEvent event) {
        publish(event.message(objectMapper));
    }

    private void publish(List<StoredEvent> events) {
        events.forEach(this::publish);
    }

    private void publish(Message message) {
        String type = (String) message.getMessageProperties().getHeaders().get("axon-message-type");
        rabbit.send(INFRA.exchange(), type, message);
    }

    private JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = http.exchange(path, HttpMethod.GET, admin(), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return objectMapper.readTree(response.getBody());
    }

    private ResponseEntity<String> post(String path) {
        return http.exchange(path, HttpMethod.POST, admin(), String.class);
    }

    private JsonNode json(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return objectMapper.readTree(response.getBody());
    }

    private HttpEntity<Void> admin() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(
                INFRA.jwtKeys().token("admin-id", "admin", Set.of("user", "admin"), Duration.ofMinutes(5)));
        return new HttpEntity<>(headers);
    }

    private void assertProblem(ResponseEntity<String> response, HttpStatus status, String code) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        try {
            assertThat(objectMapper.readTree(response.getBody()).get("code").asText())
                    .isEqualTo(code);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
