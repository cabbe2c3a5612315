package dev.shutter.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.shutter.events", importOptions = ImportOption.DoNotIncludeTests.class)
class EventsArchitectureTest {

    @ArchTest
    static final ArchRule eventsDependOnNothingButTheJdk = classes()
            .that()
            .resideOutsideOfPackage("dev.shutter.events.personal")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("dev.shutter.events..", "java..");

    @ArchTest
    static final ArchRule theCodecNeedsJacksonAndTheJdkAlone = classes()
            .that()
            .resideInAPackage("dev.shutter.events.personal")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("dev.shutter.events..", "java..", "javax.crypto..", "com.fasterxml.jackson..");

    @ArchTest
    static final ArchRule eventsAreRecords = classes()
            .that()
            .resideInAnyPackage(
                    "dev.shutter.events.user",
                    "dev.shutter.events.follow",
                    "dev.shutter.events.post",
                    "dev.shutter.events.media",
                    "dev.shutter.events.push",
                    "dev.shutter.events.block")
            .should()
            .beRecords();

    @ArchTest
    static final ArchRule eventPackagesAreIndependent =
            slices().matching("dev.shutter.events.(*)..").should().beFreeOfCycles();
}
