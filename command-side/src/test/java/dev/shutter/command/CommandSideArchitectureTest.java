package dev.shutter.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;

@AnalyzeClasses(packages = "dev.shutter.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    @ArchTest
    static final ArchRule noFieldInjection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    @ArchTest
    static final ArchRule noCyclesBetweenFeatures =
            slices().matching("dev.shutter.command.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule aggregatesKnowNothingOfSpring = noClasses()
            .that()
            .areAnnotatedWith(Aggregate.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..");

    @ArchTest
    static final ArchRule aggregatesAreNotPublic =
            classes().that().areAnnotatedWith(Aggregate.class).should().notBePublic();

    @ArchTest
    static final ArchRule crossCuttingCodeDependsOnNoFeature = noClasses()
            .that()
            .resideInAnyPackage("dev.shutter.command.web..", "dev.shutter.command.config..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.shutter.command.user..",
                    "dev.shutter.command.auth..",
                    "dev.shutter.command.follow..",
                    "dev.shutter.command.block..",
                    "dev.shutter.command.privacy..",
                    "dev.shutter.command.post..",
                    "dev.shutter.command.media..",
                    "dev.shutter.command.relay..");
}
