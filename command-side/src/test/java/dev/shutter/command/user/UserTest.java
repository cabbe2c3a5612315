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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final String USER = "user-1";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final UserRegistered REGISTERED = new UserRegistered(USER, "ada", "ada@example.com", "Ada", NOW);
    private static final int MAX_DEVICES = 20;

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
                .when(new RegisterDevice(USER, "token-1", "android", 20))
                .expectEvents(new DeviceRegistered(USER, "token-1", "android"));
    }

    @Test
    void registeringTheSameDeviceAgainChangesNothing() {
        fixture.given(REGISTERED, new DeviceRegistered(USER, "token-1", "android"))
                .when(new RegisterDevice(USER, "token-1", "android", 20))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void registeringADeviceTokenUnderAnotherPlatformRecordsTheNewPlatform() {
        fixture.given(REGISTERED, new DeviceRegistered(USER, "token-1", "android"))
                .when(new RegisterDevice(USER, "token-1", "web", 20))
                .expectEvents(new DeviceRegistered(USER, "token-1", "web"));
    }

    @Test
    void registeringADevicePastTheCapRemovesTheOneRegisteredLongestAgo() {
        fixture.given(registeredWithDevices(MAX_DEVICES))
                .when(new RegisterDevice(USER, "token-21", "android", MAX_DEVICES))
                .expectEvents(new DeviceRemoved(USER, "token-1"), new DeviceRegistered(USER, "token-21", "android"))
                .expectResultMessagePayload(List.of("token-1"));
    }

    @Test
    void registeringADeviceBelowTheCapRemovesNothing() {
        fixture.given(registeredWithDevices(MAX_DEVICES - 1))
                .when(new RegisterDevice(USER, "token-20", "ios", MAX_DEVICES))
                .expectEvents(new DeviceRegistered(USER, "token-20", "ios"))
                .expectResultMessagePayload(List.of());
    }

    @Test
    void aDeviceRegisteredAgainAtTheCapDoesNotCountTwice() {
        fixture.given(registeredWithDevices(MAX_DEVICES))
                .when(new RegisterDevice(USER, "token-1", "web", MAX_DEVICES))
                .expectEvents(new DeviceRegistered(USER, "token-1", "web"));
    }

    @Test
    void aDeviceRegisteredAgainUnderAnotherPlatformCountsAsRegisteredMostRecently() {
        List<Object> history = registeredWithDevices(MAX_DEVICES);
        history.add(new DeviceRegistered(USER, "token-1", "web"));
        fixture.given(history)
                .when(new RegisterDevice(USER, "token-21", "android", MAX_DEVICES))
                .expectEvents(new DeviceRemoved(USER, "token-2"), new DeviceRegistered(USER, "token-21", "android"));
    }

    @Test
    void aRemovedDeviceLeavesRoomForAnother() {
        List<Object> history = registeredWithDevices(MAX_DEVICES);
        history.add(new DeviceRemoved(USER, "token-7"));
        fixture.given(history)
                .when(new RegisterDevice(USER, "token-21", "android", MAX_DEVICES))
                .expectEvents(new DeviceRegistered(USER, "token-21", "android"));
    }

    @Test
    void aLoweredCapRemovesEveryDeviceBeyondItAtTheNextRegistration() {
        fixture.given(registeredWithDevices(MAX_DEVICES))
                .when(new RegisterDevice(USER, "token-21", "android", 18))
                .expectEvents(
                        new DeviceRemoved(USER, "token-1"),
                        new DeviceRemoved(USER, "token-2"),
                        new DeviceRemoved(USER, "token-3"),
                        new DeviceRegistered(USER, "token-21", "android"))
                .expectResultMessagePayload(List.of("token-1", "token-2", "token-3"));
    }

    /** The registration and devices {@code token-1} to {@code token-<count>}, registered in that order. */
    private static List<Object> registeredWithDevices(int count) {
        List<Object> history = new ArrayList<>(List.of(REGISTERED));
        IntStream.rangeClosed(1, count).forEach(n -> history.add(new DeviceRegistered(USER, "token-" + n, "android")));
        return history;
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
