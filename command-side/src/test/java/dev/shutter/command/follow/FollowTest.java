package dev.shutter.command.follow;

import dev.shutter.command.block.BlockedException;
import dev.shutter.command.block.InMemoryBlockList;
import dev.shutter.events.follow.FollowRequestDeclined;
import dev.shutter.events.follow.FollowRequestWithdrawn;
import dev.shutter.events.follow.FollowRequested;
import dev.shutter.events.follow.UserFollowed;
import dev.shutter.events.follow.UserUnfollowed;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FollowTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant LATER = NOW.plusSeconds(60);
    private static final String FOLLOW_ID = "ada:bob";
    private static final UserFollowed FOLLOWED = new UserFollowed(FOLLOW_ID, "ada", "bob", NOW);
    private static final FollowRequested REQUESTED = new FollowRequested(FOLLOW_ID, "ada", "bob", NOW);
    private static final boolean PUBLIC = false;
    private static final boolean PRIVATE = true;

    private final InMemoryBlockList blocks = new InMemoryBlockList();
    private FixtureConfiguration<Follow> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Follow.class);
        fixture.registerInjectableResource(blocks);
    }

    @Test
    void theFirstFollowOfAPublicAccountFollowsAtOnce() {
        fixture.givenNoPriorActivity()
                .when(FollowUser.of("ada", "bob", PUBLIC, NOW))
                .expectEvents(FOLLOWED)
                .expectResultMessagePayload(FollowState.FOLLOWING);
    }

    @Test
    void followingAgainChangesNothing() {
        fixture.given(FOLLOWED)
                .when(FollowUser.of("ada", "bob", PUBLIC, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(FollowState.FOLLOWING);
    }

    @Test
    void aFollowerStaysWhenTheAccountTurnsPrivate() {
        fixture.given(FOLLOWED)
                .when(FollowUser.of("ada", "bob", PRIVATE, LATER))
                .expectNoEvents()
                .expectResultMessagePayload(FollowState.FOLLOWING);
    }

    @Test
    void rejectsFollowingYourself() {
        fixture.givenNoPriorActivity()
                .when(FollowUser.of("ada", "ada", PUBLIC, NOW))
                .expectException(CannotFollowSelfException.class)
                .expectNoEvents();
    }

    @Test
    void unfollows() {
        fixture.given(FOLLOWED)
                .when(UnfollowUser.of("ada", "bob", LATER))
                .expectEvents(new UserUnfollowed(FOLLOW_ID, "ada", "bob", LATER))
                .expectResultMessagePayload(FollowState.NONE);
    }

    @Test
    void unfollowingWhenNotFollowingChangesNothing() {
        fixture.given(FOLLOWED, new UserUnfollowed(FOLLOW_ID, "ada", "bob", NOW))
                .when(UnfollowUser.of("ada", "bob", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void unfollowingSomeoneNeverFollowedChangesNothing() {
        fixture.givenNoPriorActivity()
                .when(UnfollowUser.of("ada", "bob", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void followsAgainAfterUnfollowing() {
        fixture.given(FOLLOWED, new UserUnfollowed(FOLLOW_ID, "ada", "bob", NOW))
                .when(FollowUser.of("ada", "bob", PUBLIC, LATER))
                .expectEvents(new UserFollowed(FOLLOW_ID, "ada", "bob", LATER));
    }

    @Test
    void followingAPrivateAccountOnlyRequests() {
        fixture.givenNoPriorActivity()
                .when(FollowUser.of("ada", "bob", PRIVATE, NOW))
                .expectEvents(REQUESTED)
                .expectResultMessagePayload(FollowState.REQUESTED);
    }

    @Test
    void followingAgainWhileTheRequestIsPendingChangesNothing() {
        fixture.given(REQUESTED)
                .when(FollowUser.of("ada", "bob", PRIVATE, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(FollowState.REQUESTED);
    }

    @Test
    void followingAgainOnceTheAccountIsPublicFollowsWithoutApproval() {
        fixture.given(REQUESTED)
                .when(FollowUser.of("ada", "bob", PUBLIC, LATER))
                .expectEvents(new UserFollowed(FOLLOW_ID, "ada", "bob", LATER))
                .expectResultMessagePayload(FollowState.FOLLOWING);
    }

    @Test
    void unfollowingWhileTheRequestIsPendingWithdrawsIt() {
        fixture.given(REQUESTED)
                .when(UnfollowUser.of("ada", "bob", LATER))
                .expectEvents(new FollowRequestWithdrawn(FOLLOW_ID, "ada", "bob", LATER))
                .expectResultMessagePayload(FollowState.NONE);
    }

    @Test
    void theOwnerApprovesAPendingRequest() {
        fixture.given(REQUESTED)
                .when(ApproveFollowRequest.of("ada", "bob", LATER))
                .expectEvents(new UserFollowed(FOLLOW_ID, "ada", "bob", LATER))
                .expectResultMessagePayload(FollowState.FOLLOWING);
    }

    @Test
    void theOwnerDeclinesAPendingRequest() {
        fixture.given(REQUESTED)
                .when(DeclineFollowRequest.of("ada", "bob", LATER))
                .expectEvents(new FollowRequestDeclined(FOLLOW_ID, "ada", "bob", LATER))
                .expectResultMessagePayload(FollowState.NONE);
    }

    @Test
    void rejectsApprovingARequestNeverMade() {
        fixture.givenNoPriorActivity()
                .when(ApproveFollowRequest.of("ada", "bob", LATER))
                .expectException(FollowRequestNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsApprovingARequestAlreadyApproved() {
        fixture.given(REQUESTED, new UserFollowed(FOLLOW_ID, "ada", "bob", NOW))
                .when(ApproveFollowRequest.of("ada", "bob", LATER))
                .expectException(FollowRequestNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsDecliningARequestAlreadyWithdrawn() {
        fixture.given(REQUESTED, new FollowRequestWithdrawn(FOLLOW_ID, "ada", "bob", NOW))
                .when(DeclineFollowRequest.of("ada", "bob", LATER))
                .expectException(FollowRequestNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aDeclinedRequesterMayAskAgain() {
        fixture.given(REQUESTED, new FollowRequestDeclined(FOLLOW_ID, "ada", "bob", NOW))
                .when(FollowUser.of("ada", "bob", PRIVATE, LATER))
                .expectEvents(new FollowRequested(FOLLOW_ID, "ada", "bob", LATER));
    }

    @Test
    void rejectsFollowingSomeoneWhoBlocksTheFollower() {
        blocks.block("bob", "ada");
        fixture.givenNoPriorActivity()
                .when(FollowUser.of("ada", "bob", PUBLIC, NOW))
                .expectException(BlockedException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsARequestToSomeoneWhoBlocksTheRequester() {
        blocks.block("bob", "ada");
        fixture.givenNoPriorActivity()
                .when(FollowUser.of("ada", "bob", PRIVATE, NOW))
                .expectException(BlockedException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsFollowingSomeoneTheFollowerBlocks() {
        blocks.block("ada", "bob");
        fixture.given(FOLLOWED, new UserUnfollowed(FOLLOW_ID, "ada", "bob", NOW))
                .when(FollowUser.of("ada", "bob", PUBLIC, LATER))
                .expectException(BlockedException.class)
                .expectNoEvents();
    }

    @Test
    void aSwitchToPublicApprovesAPendingRequest() {
        fixture.given(REQUESTED)
                .when(ApproveFollowRequestIfPending.of("ada", "bob", LATER))
                .expectEvents(new UserFollowed(FOLLOW_ID, "ada", "bob", LATER))
                .expectResultMessagePayload(FollowState.FOLLOWING);
    }

    @Test
    void aSwitchToPublicLeavesARequestThatTurnedIntoAFollowAsItIs() {
        fixture.given(REQUESTED, FOLLOWED)
                .when(ApproveFollowRequestIfPending.of("ada", "bob", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(FollowState.FOLLOWING);
    }

    @Test
    void aSwitchToPublicLeavesAWithdrawnRequestWithdrawn() {
        fixture.given(REQUESTED, new FollowRequestWithdrawn(FOLLOW_ID, "ada", "bob", NOW))
                .when(ApproveFollowRequestIfPending.of("ada", "bob", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(FollowState.NONE);
    }
}
