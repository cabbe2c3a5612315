package dev.shutter.command.user;

import dev.shutter.events.user.AccountPrivacyChanged;
import dev.shutter.events.user.DeviceRegistered;
import dev.shutter.events.user.DeviceRemoved;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.events.user.UserRegistered;
import dev.shutter.events.user.UserSignedIn;
import dev.shutter.events.user.UsernameChanged;
import java.time.Instant;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final String USER = "user-1";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final UserRegistered REGISTERED = new UserRegistered(USER, "ada", "ada@example.com", "Ada", NOW);

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    @Test
    void registersAUser() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "ada", "ada@example.com", "Ada", NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(REGISTERED);
    }

    @Test
    void updatesTheProfile() {
        fixture.given(REGISTERED)
                .when(new UpdateProfile(USER, "Ada L.", "Counts things", "media-1"))
                .expectEvents(new ProfileUpdated(USER, "Ada L.", "Counts things", "media-1"));
    }

    @Test
    void ignoresAProfileUpdateThatChangesNothing() {
        fixture.given(REGISTERED, new ProfileUpdated(USER, "Ada L.", "Counts things", null))
                .when(new UpdateProfile(USER, "Ada L.", "Counts things", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changesTheUsername() {
        fixture.given(REGISTERED)
                .when(new ChangeUsername(USER, "ada.lovelace", NOW))
                .expectEvents(new UsernameChanged(USER, "ada.lovelace", NOW));
    }

    @Test
    void takingTheSameUsernameAgainChangesNothing() {
        fixture.given(REGISTERED)
                .when(new ChangeUsername(USER, "ada", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changingOnlyTheCaseOfTheUsernameIsAChange() {
        fixture.given(REGISTERED)
                .when(new ChangeUsername(USER, "Ada", NOW))
                .expectEvents(new UsernameChanged(USER, "Ada", NOW));
    }

    @Test
    void theLatestUsernameIsTheOneThatCountsWhenTheSameNameIsAskedForAgain() {
        fixture.given(REGISTERED, new UsernameChanged(USER, "countess", NOW))
                .when(new ChangeUsername(USER, "countess", NOW.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void goingBackToTheFormerUsernameIsAChange() {
        Instant later = NOW.plusSeconds(60);
        fixture.given(REGISTERED, new UsernameChanged(USER, "countess", NOW))
                .when(new ChangeUsername(USER, "ada", later))
                .expectEvents(new UsernameChanged(USER, "ada", later));
    }

    @Test
    void registersADevice() {
        fixture.given(REGISTERED)
                .when(new RegisterDevice(USER, "token-1", "android"))
                .expectEvents(new DeviceRegistered(USER, "token-1", "android"));
    }

    @Test
    void registeringTheSameDeviceAgainChangesNothing() {
        fixture.given(REGISTERED, new DeviceRegistered(USER, "token-1", "android"))
                .when(new RegisterDevice(USER, "token-1", "android"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void registeringADeviceTokenUnderAnotherPlatformRecordsTheNewPlatform() {
        fixture.given(REGISTERED, new DeviceRegistered(USER, "token-1", "android"))
                .when(new RegisterDevice(USER, "token-1", "web"))
                .expectEvents(new DeviceRegistered(USER, "token-1", "web"));
    }

    @Test
    void removesARegisteredDevice() {
        fixture.given(REGISTERED, new DeviceRegistered(USER, "token-1", "ios"))
                .when(new RemoveDevice(USER, "token-1"))
                .expectEvents(new DeviceRemoved(USER, "token-1"));
    }

    @Test
    void removingAnUnknownDeviceChangesNothing() {
        fixture.given(REGISTERED, new DeviceRegistered(USER, "token-1", "ios"), new DeviceRemoved(USER, "token-1"))
                .when(new RemoveDevice(USER, "token-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void recordsASignInWithItsTime() {
        Instant later = NOW.plusSeconds(3600);
        fixture.given(REGISTERED).when(new RecordSignIn(USER, later)).expectEvents(new UserSignedIn(USER, later));
    }

    @Test
    void recordsEverySignInSoTheLastOneTellsWhenTheUserWasActive() {
        Instant first = NOW.plusSeconds(60);
        Instant second = NOW.plusSeconds(120);
        fixture.given(REGISTERED, new UserSignedIn(USER, first))
                .when(new RecordSignIn(USER, second))
                .expectEvents(new UserSignedIn(USER, second));
    }

    @Test
    void deletingTheAccountIsItsLastEvent() {
        fixture.given(REGISTERED)
                .when(new DeleteAccount(USER, NOW))
                .expectEvents(new UserDeleted(USER, NOW))
                .expectMarkedDeleted();
    }

    @Test
    void aDeletedAccountTakesNoFurtherCommand() {
        fixture.given(REGISTERED, new UserDeleted(USER, NOW))
                .when(new UpdateProfile(USER, "Back", "", null))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void makingTheAccountPrivateIsRecordedOnceAndPublicAgainToo() {
        fixture.given(REGISTERED)
                .when(new ChangePrivacy(USER, true, NOW))
                .expectEvents(new AccountPrivacyChanged(USER, true, NOW));
        fixture.given(REGISTERED, new AccountPrivacyChanged(USER, true, NOW))
                .when(new ChangePrivacy(USER, true, NOW))
                .expectNoEvents();
        fixture.given(REGISTERED, new AccountPrivacyChanged(USER, true, NOW))
                .when(new ChangePrivacy(USER, false, NOW))
                .expectEvents(new AccountPrivacyChanged(USER, false, NOW));
    }
}
