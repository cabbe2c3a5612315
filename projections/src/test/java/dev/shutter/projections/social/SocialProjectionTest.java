package dev.shutter.projections.social;

import static dev.shutter.projections.support.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.shutter.events.block.UserBlocked;
import dev.shutter.events.block.UserUnblocked;
import dev.shutter.events.follow.FollowRequestDeclined;
import dev.shutter.events.follow.FollowRequestWithdrawn;
import dev.shutter.events.follow.FollowRequested;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import dev.shutter.events.user.AccountPrivacyChanged;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.projections.support.DeletionScenario;
import dev.shutter.projections.support.InMemoryMongo;
import dev.shutter.projections.support.Snapshots;
import dev.shutter.projections.support.StoredEvent;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

class SocialProjectionTest {

    private static final Instant FOLLOWED_AT = Instant.parse("2024-02-01T08:00:00Z");
    private static final Instant REFOLLOWED_AT = Instant.parse("2024-03-01T08:00:00Z");
    private static final Instant REQUESTED_AT = Instant.parse("2024-01-15T08:00:00Z");
    private static final Instant BLOCKED_AT = Instant.parse("2024-04-01T08:00:00Z");

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private MongoTemplate template;
    private SocialProjection projection;

    @BeforeEach
    void freshDatabase() {
        mongo.dropDatabase("social");
        template = mongo.template("social");
        projection = new SocialProjection(template);
        projection.createIndexes(1);
    }

    @Test
    void followCreatesAnActiveEdgeSinceTheFollowTime() {
        projection.apply(envelope("b:a", 0, new UserFollowed("b:a", "b", "a", FOLLOWED_AT)), 1);

        assertThat(edge("b:a"))
                .contains(
                        entry("followerId", "b"),
                        entry("followeeId", "a"),
                        entry("active", true),
                        entry("since", Date.from(FOLLOWED_AT)),
                        entry("seq", 0L));
    }

    @Test
    void unfollowDeactivatesTheEdge() {
        projection.apply(envelope("b:a", 0, new UserFollowed("b:a", "b", "a", FOLLOWED_AT)), 1);

        projection.apply(envelope("b:a", 1, new UserUnfollowed("b:a", "b", "a", Instant.now())), 1);

        assertThat(edge("b:a")).contains(entry("active", false), entry("seq", 1L));
    }

    @Test
    void unfollowRedeliveredAfterARefollowIsIgnored() {
        var unfollowed = envelope("b:a", 1, new UserUnfollowed("b:a", "b", "a", Instant.now()));
        projection.apply(envelope("b:a", 0, new UserFollowed("b:a", "b", "a", FOLLOWED_AT)), 1);
        projection.apply(unfollowed, 1);
        projection.apply(envelope("b:a", 2, new UserFollowed("b:a", "b", "a", REFOLLOWED_AT)), 1);

        projection.apply(unfollowed, 1);

        assertThat(edge("b:a")).contains(entry("active", true), entry("since", Date.from(REFOLLOWED_AT)));
    }

    @Test
    void writesOnlyTheRequestedGeneration() {
        projection.createIndexes(2);

        projection.apply(envelope("b:a", 0, new UserFollowed("b:a", "b", "a", FOLLOWED_AT)), 2);

        assertThat(template.findById("b:a", Document.class, "follows_g2")).isNotNull();
        assertThat(template.findById("b:a", Document.class, "follows_g1")).isNull();
    }

    @Test
    void followRequestIsPendingWithoutFollowing() {
        projection.apply(envelope("b:a", 0, new FollowRequested("b:a", "b", "a", REQUESTED_AT)), 1);

        assertThat(edge("b:a"))
                .contains(
                        entry("followerId", "b"),
                        entry("followeeId", "a"),
                        entry("active", false),
                        entry("pending", true),
                        entry("requestedAt", Date.from(REQUESTED_AT)));
    }

    @Test
    void approvedRequestBecomesAnActiveFollowAndIsNoLongerPending() {
        projection.apply(envelope("b:a", 0, new FollowRequested("b:a", "b", "a", REQUESTED_AT)), 1);

        projection.apply(envelope("b:a", 1, new UserFollowed("b:a", "b", "a", FOLLOWED_AT)), 1);

        assertThat(edge("b:a"))
                .contains(entry("active", true), entry("pending", false), entry("since", Date.from(FOLLOWED_AT)));
    }

    @Test
    void declinedOrWithdrawnRequestIsNeitherPendingNorAFollow() {
        projection.apply(envelope("b:a", 0, new FollowRequested("b:a", "b", "a", REQUESTED_AT)), 1);
        projection.apply(envelope("c:a", 0, new FollowRequested("c:a", "c", "a", REQUESTED_AT)), 1);

        projection.apply(envelope("b:a", 1, new FollowRequestDeclined("b:a", "b", "a", Instant.now())), 1);
        projection.apply(envelope("c:a", 1, new FollowRequestWithdrawn("c:a", "c", "a", Instant.now())), 1);

        assertThat(edge("b:a")).contains(entry("active", false), entry("pending", false));
        assertThat(edge("c:a")).contains(entry("active", false), entry("pending", false));
    }

    @Test
    void requestRedeliveredAfterItsApprovalIsIgnored() {
        var requested = envelope("b:a", 0, new FollowRequested("b:a", "b", "a", REQUESTED_AT));
        projection.apply(requested, 1);
        projection.apply(envelope("b:a", 1, new UserFollowed("b:a", "b", "a", FOLLOWED_AT)), 1);

        projection.apply(requested, 1);

        assertThat(edge("b:a")).contains(entry("active", true), entry("pending", false));
    }

    @Test
    void privacyFollowsTheLatestChangeOfTheUser() {
        var madePrivate = envelope("a", 3, new AccountPrivacyChanged("a", true, Instant.now()));
        projection.apply(madePrivate, 1);
        projection.apply(envelope("a", 5, new AccountPrivacyChanged("a", false, Instant.now())), 1);

        projection.apply(madePrivate, 1);

        assertThat(template.findById("a", Document.class, "privacy_g1"))
                .contains(entry("privateAccount", false), entry("seq", 5L));
    }

    @Test
    void blockHoldsUntilLiftedAndIsQueryableFromBothSides() {
        projection.apply(envelope("blk-a-b", 0, new UserBlocked("blk-a-b", "a", "b", BLOCKED_AT)), 1);

        assertThat(block("blk-a-b"))
                .contains(
                        entry("blockerId", "a"),
                        entry("blockedId", "b"),
                        entry("active", true),
                        entry("since", Date.from(BLOCKED_AT)));

        projection.apply(envelope("blk-a-b", 1, new UserUnblocked("blk-a-b", "a", "b", Instant.now())), 1);

        assertThat(block("blk-a-b")).contains(entry("active", false), entry("seq", 1L));
    }

    @Test
    void blockRedeliveredAfterItWasLiftedIsIgnored() {
        var blocked = envelope("blk-a-b", 0, new UserBlocked("blk-a-b", "a", "b", BLOCKED_AT));
        projection.apply(blocked, 1);
        projection.apply(envelope("blk-a-b", 1, new UserUnblocked("blk-a-b", "a", "b", Instant.now())), 1);

        projection.apply(blocked, 1);

        assertThat(block("blk-a-b")).contains(entry("active", false));
    }

    @Test
    void ignoresEventsOtherViewsNeed() {
        boolean handled = projection.apply(envelope("a", 1, new ProfileUpdated("a", "Al", "bio", null)), 1);

        assertThat(handled).isFalse();
        assertThat(template.getCollectionNames()).noneMatch(name -> name.startsWith("privacy"));
    }

    @Test
    void aDeletedAccountLeavesNoEdgeRequestBlockOrPrivacyBehindNotEvenBlocksOthersMadeAgainstIt() {
        DeletionScenario scenario = new DeletionScenario(1);

        applyAll(scenario.live(), 1);

        assertThat(Snapshots.holding(template, scenario.ginasTraces(), Set.of("forgotten_", "view_state")))
                .isEmpty();
        assertThat(template.findAll(Document.class, "follows_g1"))
                .extracting(edge -> edge.getString("_id"))
                .containsExactly(scenario.ivanFollowsHal);
        assertThat(template.findAll(Document.class, "blocks_g1")).isEmpty();
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

    private void applyAll(List<StoredEvent> events, int generation) {
        events.forEach(event -> projection.apply(event.envelope(), generation));
    }

    private Document block(String blockId) {
        return template.findById(blockId, Document.class, "blocks_g1");
    }

    private Document edge(String followId) {
        return template.findById(followId, Document.class, "follows_g1");
    }
}
