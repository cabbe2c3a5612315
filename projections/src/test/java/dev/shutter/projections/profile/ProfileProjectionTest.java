package dev.shutter.projections.profile;

import static dev.shutter.projections.support.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UsernameChanged;
import dev.shutter.projections.support.DeletionScenario;
import dev.shutter.projections.support.InMemoryMongo;
import dev.shutter.projections.support.Snapshots;
import dev.shutter.projections.support.StoredEvent;
import dev.shutter.projections.view.EventEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

class ProfileProjectionTest {

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private MongoTemplate template;
    private ProfileProjection projection;

    @BeforeEach
    void freshDatabase() {
        mongo.dropDatabase("profiles");
        template = mongo.template("profiles");
        projection = new ProfileProjection(template);
        projection.createIndexes(1);
    }

    @Test
    void registrationCreatesAProfileWithZeroCounts() {
        apply(register("u1", "Alice"));

        Document profile = profile("u1");
        assertThat(profile)
                .contains(
                        entry("username", "Alice"),
                        entry("usernameLower", "alice"),
                        entry("displayName", "Alice A."),
                        entry("bio", null),
                        entry("avatarMediaId", null),
                        entry("followerCount", 0L),
                        entry("followingCount", 0L),
                        entry("postCount", 0L));
        assertThat(profile.getDate("registeredAt").toInstant()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void profileUpdateReplacesDisplayNameBioAndAvatar() {
        apply(register("u1", "alice"));

        apply(envelope("u1", 1, new ProfileUpdated("u1", "Ally", "Photos of cats", "m1")));

        assertThat(profile("u1"))
                .contains(entry("displayName", "Ally"), entry("bio", "Photos of cats"), entry("avatarMediaId", "m1"));
    }

    @Test
    void olderProfileUpdateRedeliveredLaterDoesNotOverwriteANewerOne() {
        EventEnvelope first = envelope("u1", 1, new ProfileUpdated("u1", "First", null, null));
        apply(register("u1", "alice"));
        apply(first);
        apply(envelope("u1", 2, new ProfileUpdated("u1", "Second", null, null)));

        apply(first);

        assertThat(profile("u1").getString("displayName")).isEqualTo("Second");
    }

    @Test
    void followsCountForBothSidesAndUnfollowsUncount() {
        apply(register("a", "alice"));
        apply(register("b", "bob"));
        apply(register("c", "carol"));

        apply(follow("b", "a", 0));
        apply(follow("c", "a", 0));
        apply(follow("a", "c", 0));
        apply(unfollow("c", "a", 1));

        assertThat(profile("a")).contains(entry("followerCount", 1L), entry("followingCount", 1L));
        assertThat(profile("b")).contains(entry("followerCount", 0L), entry("followingCount", 1L));
        assertThat(profile("c")).contains(entry("followerCount", 1L), entry("followingCount", 0L));
    }

    @Test
    void redeliveredFollowDoesNotCountTwice() {
        EventEnvelope followed = follow("b", "a", 0);
        apply(register("a", "alice"));
        apply(register("b", "bob"));
        apply(followed);

        apply(followed);
        apply(followed);

        assertThat(profile("a").get("followerCount")).isEqualTo(1L);
        assertThat(profile("b").get("followingCount")).isEqualTo(1L);
    }

    @Test
    void postCountFollowsPublicationsAndDeletions() {
        apply(register("a", "alice"));
        apply(envelope("p1", 0, publish("p1", "a")));
        apply(envelope("p2", 0, publish("p2", "a")));
        apply(envelope("p2", 0, publish("p2", "a")));
        apply(envelope("p1", 4, new PostDeleted("p1", "a", Instant.now())));

        assertThat(profile("a").get("postCount")).isEqualTo(1L);
    }

    @Test
    void applyingEveryEventTwiceLeavesTheSameProfiles() {
        List<EventEnvelope> events = List.of(
                register("a", "alice"),
                register("b", "bob"),
                follow("b", "a", 0),
                envelope("p1", 0, publish("p1", "a")),
                envelope("a", 1, new ProfileUpdated("a", "Al", "hi", null)),
                envelope("a", 2, new UsernameChanged("a", "Alicia", Instant.parse("2024-02-01T00:00:00Z"))),
                unfollow("b", "a", 1),
                follow("b", "a", 2));
        events.forEach(this::apply);
        Object once = Snapshots.database(template, Set.of());

        events.forEach(this::apply);

        assertThat(Snapshots.database(template, Set.of())).isEqualTo(once);
        assertThat(profile("a")).contains(entry("followerCount", 1L), entry("postCount", 1L));
    }

    @Test
    void storesTheAccentFreeFormsOfTheDisplayNameForSearchAndFollowsItsChanges() {
        apply(envelope("u1", 0, new UserRegistered("u1", "jsilva", "j@example.com", "José  Silva", Instant.now())));
        assertThat(profile("u1").getList("displayNameKeys", String.class))
                .containsExactly("jose silva", "jose", "silva");

        apply(envelope("u1", 1, new ProfileUpdated("u1", "Zoë", null, null)));

        assertThat(profile("u1").getList("displayNameKeys", String.class)).containsExactly("zoe");
    }

    @Test
    void aUsernameChangeRenamesTheProfileAndTheKeyItIsFoundBy() {
        apply(register("u1", "alice"));
        apply(envelope("u1", 1, new ProfileUpdated("u1", "Ally", "bio", null)));

        apply(envelope("u1", 2, new UsernameChanged("u1", "Alice.Liddell", Instant.now())));

        assertThat(profile("u1"))
                .contains(
                        entry("username", "Alice.Liddell"),
                        entry("usernameLower", "alice.liddell"),
                        entry("displayName", "Ally"),
                        entry("bio", "bio"));
        assertThat(byUsername("alice")).isNull();
    }

    @Test
    void anOlderUsernameChangeRedeliveredLaterDoesNotBringTheOldNameBack() {
        EventEnvelope first = envelope("u1", 1, new UsernameChanged("u1", "first", Instant.now()));
        apply(register("u1", "alice"));
        apply(first);
        apply(envelope("u1", 2, new UsernameChanged("u1", "second", Instant.now())));

        apply(first);

        assertThat(profile("u1")).contains(entry("username", "second"), entry("usernameLower", "second"));
    }

    @Test
    void theFormerUsernameCanBeTakenByAnotherAccountAfterTheChange() {
        apply(register("u1", "alice"));
        apply(envelope("u1", 1, new UsernameChanged("u1", "countess", Instant.now())));

        apply(register("u2", "ALICE"));

        assertThat(byUsername("alice").getString("_id")).isEqualTo("u2");
        assertThat(byUsername("countess").getString("_id")).isEqualTo("u1");
    }

    @Test
    void changingOnlyTheCaseKeepsTheKey() {
        apply(register("u1", "alice"));

        apply(envelope("u1", 1, new UsernameChanged("u1", "Alice", Instant.now())));

        assertThat(profile("u1")).contains(entry("username", "Alice"), entry("usernameLower", "alice"));
        assertThat(template.count(query(where("usernameLower").is("alice")), "users_g1"))
                .isEqualTo(1);
    }

    @Test
    void aDeletedAccountIsForgottenAndTheUsersItFollowedOrWasFollowedByAreRecounted() {
        DeletionScenario scenario = new DeletionScenario(1);

        applyAll(scenario.live(), 1);

        assertThat(Snapshots.holding(template, scenario.ginasTraces(), Set.of("forgotten_", "view_state")))
                .isEmpty();
        assertThat(profile(scenario.gina)).isNull();
        assertThat(byUsername(scenario.ginasName.toLowerCase())).isNull();
        assertThat(byUsername(scenario.ginasFormerName.toLowerCase())).isNull();
        assertThat(profile(scenario.hal))
                .contains(entry("followerCount", 1L), entry("followingCount", 0L), entry("postCount", 1L));
        assertThat(template.findAll(Document.class, "forgotten_g1"))
                .containsExactly(new Document("_id", scenario.gina));
    }

    @Test
    void aReplayWithTheDeletedAccountsPersonalDataErasedEndsAsTheLiveView() {
        DeletionScenario scenario = new DeletionScenario(1);
        applyAll(scenario.live(), 1);
        projection.createIndexes(2);

        applyAll(scenario.erased(scenario.live()), 2);

        assertThat(Snapshots.generation(template, 2, Set.of())).isEqualTo(Snapshots.generation(template, 1, Set.of()));
    }

    @Test
    void eventsOfADeletedAccountDeliveredAgainAfterItsDeletionBringNothingBack() {
        DeletionScenario scenario = new DeletionScenario(1);
        List<StoredEvent> live = scenario.live();
        applyAll(live, 1);
        Object forgotten = Snapshots.database(template, Set.of());

        applyAll(live.subList(0, live.size() - 1), 1);
        Object afterLateEvents = Snapshots.database(template, Set.of());
        applyAll(live.subList(live.size() - 1, live.size()), 1);

        assertThat(afterLateEvents).isEqualTo(forgotten);
        assertThat(Snapshots.database(template, Set.of())).isEqualTo(forgotten);
    }

    @Test
    void aDeletionFindingFollowsStillActiveRecountsBothEndsOfThem() {
        apply(register("a", "alice"));
        apply(register("b", "bob"));
        apply(register("c", "carol"));
        apply(follow("b", "a", 0));
        apply(follow("a", "c", 0));
        apply(follow("b", "c", 0));

        apply(envelope("a", 3, new UserDeleted("a", Instant.now())));

        assertThat(profile("a")).isNull();
        assertThat(profile("b")).contains(entry("followerCount", 0L), entry("followingCount", 1L));
        assertThat(profile("c")).contains(entry("followerCount", 1L), entry("followingCount", 0L));
    }

    @Test
    void registrationsWhoseUsernameWasErasedCreateNoProfileAndLaterErasedEventsCreateNone() {
        for (String user : List.of("gone-1", "gone-2")) {
            apply(envelope(user, 0, new UserRegistered(user, null, null, null, Instant.now())));
            apply(envelope(user, 1, new ProfileUpdated(user, null, null, null)));
            apply(envelope(user, 2, new UsernameChanged(user, null, Instant.now())));
        }

        assertThat(template.findAll(Document.class, "users_g1")).isEmpty();
    }

    @Test
    void anErasedUsernameChangeOfAStillKnownProfileLeavesItsName() {
        apply(register("u1", "alice"));

        apply(envelope("u1", 1, new UsernameChanged("u1", null, Instant.now())));

        assertThat(profile("u1")).contains(entry("username", "alice"), entry("usernameLower", "alice"));
    }

    private void applyAll(List<StoredEvent> events, int generation) {
        events.forEach(event -> projection.apply(event.envelope(), generation));
    }

    private Document byUsername(String usernameLower) {
        return template.findOne(query(where("usernameLower").is(usernameLower)), Document.class, "users_g1");
    }

    private void apply(EventEnvelope event) {
        projection.apply(event, 1);
    }

    private Document profile(String userId) {
        return template.findById(userId, Document.class, "users_g1");
    }

    private static EventEnvelope register(String userId, String username) {
        return envelope(
                userId,
                0,
                new UserRegistered(
                        userId,
                        username,
                        username.toLowerCase() + "@example.com",
                        username + " A.",
                        Instant.parse("2024-01-01T00:00:00Z")));
    }

    private static PostPublished publish(String postId, String author) {
        return new PostPublished(postId, author, "caption", List.of("m"), Instant.now());
    }

    private static EventEnvelope follow(String follower, String followee, long sequence) {
        String followId = follower + ":" + followee;
        return envelope(followId, sequence, new UserFollowed(followId, follower, followee, Instant.now()));
    }

    private static EventEnvelope unfollow(String follower, String followee, long sequence) {
        String followId = follower + ":" + followee;
        return envelope(followId, sequence, new UserUnfollowed(followId, follower, followee, Instant.now()));
    }
}
