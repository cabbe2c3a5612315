package dev.shutter.command.follow;

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

    private FixtureConfiguration<Follow> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Follow.class);
    }

    @Test
    void theFirstFollowCreatesTheFollow() {
        fixture.givenNoPriorActivity().when(FollowUser.of("ada", "bob", NOW)).expectEvents(FOLLOWED);
    }

    @Test
    void followingAgainChangesNothing() {
        fixture.given(FOLLOWED)
                .when(FollowUser.of("ada", "bob", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejectsFollowingYourself() {
        fixture.givenNoPriorActivity()
                .when(FollowUser.of("ada", "ada", NOW))
                .expectException(CannotFollowSelfException.class)
                .expectNoEvents();
    }

    @Test
    void unfollows() {
        fixture.given(FOLLOWED)
                .when(UnfollowUser.of("ada", "bob", LATER))
                .expectEvents(new UserUnfollowed(FOLLOW_ID, "ada", "bob", LATER));
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
                .when(FollowUser.of("ada", "bob", LATER))
                .expectEvents(new UserFollowed(FOLLOW_ID, "ada", "bob", LATER));
    }
}
