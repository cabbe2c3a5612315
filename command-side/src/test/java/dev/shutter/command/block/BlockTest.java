package dev.shutter.command.block;

import dev.shutter.events.block.UserBlocked;
import dev.shutter.events.block.UserUnblocked;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlockTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant LATER = NOW.plusSeconds(60);
    private static final String BLOCK_ID = Block.idOf("ada", "bob");
    private static final UserBlocked BLOCKED = new UserBlocked(BLOCK_ID, "ada", "bob", NOW);

    private FixtureConfiguration<Block> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Block.class);
    }

    @Test
    void theFirstBlockCreatesTheBlock() {
        fixture.givenNoPriorActivity().when(BlockUser.of("ada", "bob", NOW)).expectEvents(BLOCKED);
    }

    @Test
    void blockingAgainChangesNothing() {
        fixture.given(BLOCKED)
                .when(BlockUser.of("ada", "bob", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejectsBlockingYourself() {
        fixture.givenNoPriorActivity()
                .when(BlockUser.of("ada", "ada", NOW))
                .expectException(CannotBlockSelfException.class)
                .expectNoEvents();
    }

    @Test
    void unblocks() {
        fixture.given(BLOCKED)
                .when(UnblockUser.of("ada", "bob", LATER))
                .expectEvents(new UserUnblocked(BLOCK_ID, "ada", "bob", LATER));
    }

    @Test
    void unblockingSomeoneNotBlockedChangesNothing() {
        fixture.givenNoPriorActivity()
                .when(UnblockUser.of("ada", "bob", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void unblockingTwiceChangesNothing() {
        fixture.given(BLOCKED, new UserUnblocked(BLOCK_ID, "ada", "bob", NOW))
                .when(UnblockUser.of("ada", "bob", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void blocksAgainAfterUnblocking() {
        fixture.given(BLOCKED, new UserUnblocked(BLOCK_ID, "ada", "bob", NOW))
                .when(BlockUser.of("ada", "bob", LATER))
                .expectEvents(new UserBlocked(BLOCK_ID, "ada", "bob", LATER));
    }
}
