package dev.shutter.push;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.shutter.platform.wire.WireEvent;
import dev.shutter.push.fcm.PushDelivery;
import dev.shutter.push.notify.WorkPublisher;
import dev.shutter.push.wire.LiveEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

class PushDispatcherArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.shutter.push");

    @Test
    void injectsThroughConstructorsOnly() {
        noFields()
                .should()
                .beAnnotatedWith(Autowired.class)
                .orShould()
                .beAnnotatedWith(Value.class)
                .check(CLASSES);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.shutter.push.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void onlyTheRabbitListenerCreatesLiveEvents() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.shutter.push.wire")
                .should()
                .callConstructor(LiveEvent.class, WireEvent.class)
                .check(CLASSES);
    }

    @Test
    void onlyTheWorkQueueSendsPushes() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.shutter.push.fcm", "dev.shutter.push.send")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(PushDelivery.class)
                .check(CLASSES);
    }

    @Test
    void theReadModelAndItsRebuildCannotNotifyAnyone() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.shutter.push.rebuild..",
                        "dev.shutter.push.readmodel..",
                        "dev.shutter.push.block..",
                        "dev.shutter.push.user..",
                        "dev.shutter.push.follow..",
                        "dev.shutter.push.post..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.shutter.push.notify..",
                        "dev.shutter.push.send..",
                        "dev.shutter.push.fcm..",
                        "dev.shutter.push.inbox..")
                .check(CLASSES);
    }

    @Test
    void onlyLiveEventsTriggerNotifications() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.shutter.push.notify", "dev.shutter.push.send")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(WorkPublisher.class)
                .check(CLASSES);
    }
}
