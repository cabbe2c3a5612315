package dev.shutter.media;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.shutter.media", importOptions = ImportOption.DoNotIncludeTests.class)
class MediaUploaderArchitectureTest {

    @ArchTest
    static final ArchRule noFieldInjection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            slices().matching("dev.shutter.media.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule imageProcessingKnowsNothingOfStorageOrMessaging = noClasses()
            .that()
            .resideInAPackage("dev.shutter.media.image..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "software.amazon..",
                    "org.springframework.amqp..",
                    "org.springframework.data..",
                    "dev.shutter.media.storage..",
                    "dev.shutter.media.publishing..",
                    "dev.shutter.media.upload..");

    @ArchTest
    static final ArchRule onlyTheStorageTalksToS3 = noClasses()
            .that()
            .resideOutsideOfPackage("dev.shutter.media.storage..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("software.amazon..");

    @ArchTest
    static final ArchRule crossCuttingCodeDependsOnNoFeature = noClasses()
            .that()
            .resideInAnyPackage("dev.shutter.media.web..", "dev.shutter.media.config..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.shutter.media.image..",
                    "dev.shutter.media.storage..",
                    "dev.shutter.media.publishing..",
                    "dev.shutter.media.upload..");
}
