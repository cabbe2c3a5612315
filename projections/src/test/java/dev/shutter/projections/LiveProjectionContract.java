package dev.shutter.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.events.WireHeaders;
import dev.shutter.projections.support.AccountsScenario;
import dev.shutter.projections.support.DeletionScenario;
import dev.shutter.projections.support.HomeTimeline;
import dev.shutter.projections.support.PrivacyScenario;
import dev.shutter.projections.support.Scenario;
import dev.shutter.projections.support.Snapshots;
import dev.shutter.projections.support.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What the live projections must do with events from the broker, whatever MongoDB and RabbitMQ they
 * run on. Subclasses only supply the infrastructure; they, not this class, declare the
 * {@code @DynamicPropertySource}, because Spring calls every one in the class hierarchy.
 */
abstract class LiveProjectionContract {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String DEAD_LETTERS = "consumer_dead_letters";

    private final RabbitTemplate rabbit;
    private final ObjectMapper objectMapper;
    final MongoTemplate profiles;
    private final MongoTemplate social;
    private final MongoTemplate posts;
    private final MongoTemplate timelines;
    private final MongoTemplate deadLetters;

    LiveProjectionContract(RabbitTemplate rabbit, ObjectMapper objectMapper, Function<String, MongoTemplate> database) {
        this.rabbit = rabbit;
        this.objectMapper = objectMapper;
        this.profiles = database.apply("profiles");
        this.social = database.apply("social");
        this.posts = database.apply("posts");
        this.timelines = database.apply("timelines");
        this.deadLetters = database.apply("projections");
    }

    /** The exchange the projections consume from. */
    abstract String exchange();

    @Test
    void eventsFromTheBrokerBuildEveryReadModel() {
        Scenario scenario = new Scenario(1);

        publish(scenario.history());

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(profile(scenario.alice))
                    .contains(
                            entry("username", scenario.aliceName),
                            entry("followerCount", 1L),
                            entry("followingCount", 0L),
                            entry("postCount", 2L));
            assertThat(profile(scenario.bob))
                    .contains(entry("followerCount", 0L), entry("followingCount", 1L), entry("postCount", 0L));
            assertThat(social.findById(scenario.followId, Document.class, "follows_g1"))
                    .contains(
                            entry("followerId", scenario.bob),
                            entry("followeeId", scenario.alice),
                            entry("active", true));
            assertThat(postsOf(scenario.alice)).containsExactly(scenario.secondPost, scenario.firstPost);
            assertThat(homeOf(scenario.bob)).containsExactly(scenario.secondPost, scenario.firstPost);
            assertThat(posts.findById(scenario.firstPost, Document.class, "posts_g1"))
                    .contains(
                            entry("authorId", scenario.alice),
                            entry("caption", "First light"),
                            entry("deleted", false),
                            entry("likeCount", 1L),
                            entry("commentCount", 1L));
            assertThat(posts.findById(scenario.comment, Document.class, "comments_g1"))
                    .contains(entry("text", "Lovely"));
        });
    }

    @Test
    void messagesDeliveredTwiceChangeNoReadModel() {
        Scenario scenario = new Scenario(100);
        List<StoredEvent> history = new ArrayList<>(scenario.history());
        history.addAll(scenario.engagement());
        publish(history);
        awaitApplied(scenario.registration(UUID.randomUUID().toString(), "marker-" + UUID.randomUUID()));
        Map<String, Object> before = readModels();

        publish(history);
        StoredEvent marker = scenario.registration(UUID.randomUUID().toString(), "marker-" + UUID.randomUUID());
        awaitApplied(marker);
        // The queue is ordered and has one consumer: the duplicates were applied before the marker.
        removeEverywhere(marker.aggregateId());

        assertThat(readModels()).isEqualTo(before);
    }

    @Test
    void unfollowingRemovesTheFolloweesPostsFromTheHomeTimeline() {
        Scenario scenario = new Scenario(200);
        publish(scenario.history());
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(homeOf(scenario.bob)).hasSize(2));

        publish(List.of(scenario.unfollow()));

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(homeOf(scenario.bob)).isEmpty();
            assertThat(profile(scenario.alice)).contains(entry("followerCount", 0L));
            assertThat(profile(scenario.bob)).contains(entry("followingCount", 0L));
            assertThat(social.findById(scenario.followId, Document.class, "follows_g1"))
                    .contains(entry("active", false));
        });
        assertThat(postsOf(scenario.alice)).hasSize(2);
    }

    @Test
    void likesCommentsTagsMentionsAndDeletesReachThePostAndProfileViews() {
        Scenario scenario = new Scenario(400);
        publish(scenario.history());
        publish(scenario.engagement());

        await().atMost(DEADLINE).untilAsserted(() -> {
            Document first = posts.findById(scenario.firstPost, Document.class, "posts_g1");
            assertThat(first)
                    .contains(
                            entry("caption", "First light #Golden @" + scenario.bobName),
                            entry("hashtags", List.of("golden")),
                            entry("mentionedUserIds", List.of(scenario.bob)),
                            entry("likeCount", 2L),
                            entry("commentCount", 1L));
            assertThat(posts.findById(scenario.thirdPost, Document.class, "posts_g1"))
                    .contains(entry("deleted", true), entry("hashtags", List.of("golden")));
            assertThat(posts.findById(scenario.reply, Document.class, "comments_g1"))
                    .contains(
                            entry("hashtags", List.of("grateful")),
                            entry("mentionedUserIds", List.of(scenario.bob)),
                            entry("deleted", false));
            assertThat(posts.findById(scenario.comment, Document.class, "comments_g1"))
                    .contains(entry("deleted", true));
            assertThat(profile(scenario.alice)).contains(entry("postCount", 2L));
        });
    }

    @Test
    void privateAccountsFollowRequestsAndBlocksReachTheSocialAndTimelineViews() {
        PrivacyScenario scenario = new PrivacyScenario(500);

        publish(scenario.history());

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(social.findById(scenario.dave, Document.class, "privacy_g1"))
                    .contains(entry("privateAccount", false));
            assertThat(social.findById(scenario.erinFollowsDave, Document.class, "follows_g1"))
                    .contains(entry("active", true), entry("pending", false));
            assertThat(social.findById(scenario.frankFollowsDave, Document.class, "follows_g1"))
                    .contains(entry("active", true), entry("pending", false));
            assertThat(social.findById(scenario.frankFollowsErin, Document.class, "follows_g1"))
                    .contains(entry("active", false));
            assertThat(social.findById(scenario.erinBlocksFrank, Document.class, "blocks_g1"))
                    .contains(
                            entry("blockerId", scenario.erin),
                            entry("blockedId", scenario.frank),
                            entry("active", true));
            assertThat(homeOf(scenario.erin)).containsExactly(scenario.davesPost);
            assertThat(homeOf(scenario.frank)).containsExactly(scenario.davesPost);
        });
    }

    @Test
    void usernameChangesReachTheProfileViewAndTheFormerNameIsFreeForAnother() {
        AccountsScenario scenario = new AccountsScenario(600);

        publish(scenario.history());

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(profile(scenario.ivy))
                    .contains(
                            entry("username", scenario.ivysFinalName),
                            entry("usernameLower", scenario.ivysNewName),
                            entry("displayName", "Ivy"));
            assertThat(profile(scenario.jack))
                    .contains(entry("username", scenario.jacksName), entry("usernameLower", scenario.ivysFormerName));
        });
    }

    @Test
    void aDeletedAccountLeavesNoTraceInAnyViewEvenWhenItsEventsAreDeliveredAgainAfterwards() {
        DeletionScenario scenario = new DeletionScenario(700);
        List<StoredEvent> live = scenario.live();

        publish(live);
        awaitApplied(scenario.registration(UUID.randomUUID().toString(), "marker-" + UUID.randomUUID()));

        assertForgotten(scenario);
        assertThat(profile(scenario.hal))
                .contains(entry("followerCount", 1L), entry("followingCount", 0L), entry("postCount", 1L));
        assertThat(posts.findById(scenario.halsPost, Document.class, "posts_g1"))
                .contains(entry("likeCount", 1L), entry("commentCount", 1L), entry("mentionedUserIds", List.of()));
        assertThat(homeOf(scenario.ivan)).containsExactly(scenario.halsPost);

        publish(live.subList(0, live.size() - 1));
        awaitApplied(scenario.registration(UUID.randomUUID().toString(), "marker-" + UUID.randomUUID()));

        assertForgotten(scenario);
    }

    @Test
    void aDeletedAccountWhoseEventsArriveWithTheirPersonalDataErasedLeavesNoTraceEither() {
        DeletionScenario scenario = new DeletionScenario(800);

        // The relay was behind when the key was destroyed: it reads and publishes the events with null personal data.
        publish(scenario.erased(scenario.live()));
        awaitApplied(scenario.registration(UUID.randomUUID().toString(), "marker-" + UUID.randomUUID()));

        assertForgotten(scenario);
        assertThat(profile(scenario.hal))
                .contains(entry("followerCount", 1L), entry("followingCount", 0L), entry("postCount", 1L));
    }

    @Test
    void messageThatIsNoShutterEventIsParkedAsADeadLetterAndDoesNotBlockTheQueue() {
        Scenario scenario = new Scenario(300);
        String eventId = UUID.randomUUID().toString();
        MessageProperties properties = new MessageProperties();
        properties.setHeader(WireHeaders.MESSAGE_TYPE, "dev.shutter.events.user.UserVanished");
        properties.setHeader(WireHeaders.MESSAGE_ID, eventId);
        rabbit.send(
                exchange(),
                "dev.shutter.events.user.UserVanished",
                new Message("{}".getBytes(StandardCharsets.UTF_8), properties));

        awaitApplied(scenario.registration(UUID.randomUUID().toString(), "after-" + UUID.randomUUID()));

        List<Document> parked = deadLetters.find(query(where("eventId").is(eventId)), Document.class, DEAD_LETTERS);
        assertThat(parked).singleElement().satisfies(letter -> {
            assertThat(letter.getString("consumer")).isEqualTo("projections");
            assertThat(letter.getString("eventType")).isEqualTo("dev.shutter.events.user.UserVanished");
            assertThat(letter.getString("reason")).contains("unknown event type");
        });
    }

    /** No view holds anything of gina but the id that tells it she is forgotten. */
    private void assertForgotten(DeletionScenario scenario) {
        for (MongoTemplate view : List.of(profiles, social, posts, timelines)) {
            assertThat(Snapshots.holding(view, scenario.ginasTraces(), Set.of("forgotten_", "view_state")))
                    .as(view.getDb().getName())
                    .isEmpty();
            assertThat(view.findById(scenario.gina, Document.class, "forgotten_g1"))
                    .as(view.getDb().getName())
                    .isEqualTo(new Document("_id", scenario.gina));
        }
    }

    private void publish(List<StoredEvent> events) {
        for (StoredEvent event : events) {
            rabbit.send(exchange(), event.routingKey(), event.message(objectMapper));
        }
    }

    /** Publishes a registration and waits until its profile exists and, in a second write, is counted. */
    private void awaitApplied(StoredEvent registration) {
        publish(List.of(registration));
        await().atMost(DEADLINE).until(() -> {
            Document profile = profile(registration.aggregateId());
            return profile != null && profile.containsKey("postCount");
        });
    }

    /** Takes a marker user's documents out of every view, whatever view keeps one for it. */
    private void removeEverywhere(String id) {
        for (MongoTemplate view : List.of(profiles, social, posts, timelines)) {
            for (String collection : view.getCollectionNames()) {
                if (!collection.equals("view_state")) {
                    view.remove(query(where("_id").is(id)), collection);
                }
            }
        }
    }

    private Map<String, Object> readModels() {
        Map<String, Object> models = new LinkedHashMap<>();
        for (MongoTemplate view : List.of(profiles, social, posts, timelines)) {
            models.put(view.getDb().getName(), Snapshots.database(view, Set.of("view_state")));
        }
        return models;
    }

    private Document profile(String userId) {
        return profiles.findById(userId, Document.class, "users_g1");
    }

    /** The post ids of a home timeline, newest first. */
    private List<String> homeOf(String owner) {
        return HomeTimeline.ids(timelines, 1, owner);
    }

    /** The post ids of an author's own timeline, newest first (their live {@code posts_g1} documents). */
    private List<String> postsOf(String author) {
        var live = query(where("authorId").is(author).and("deleted").is(false))
                .with(Sort.by(Sort.Direction.DESC, "createdAt", "_id"));
        return timelines.find(live, Document.class, "posts_g1").stream()
                .map(post -> post.getString("_id"))
                .toList();
    }
}
