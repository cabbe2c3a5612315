package dev.shutter.projections;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;

@AnalyzeClasses(packages = "dev.shutter.projections", importOptions = ImportOption.DoNotIncludeTests.class)
class ProjectionsArchitectureTest {

    @ArchTest
    static final ArchRule noFieldInjection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    @ArchTest
    static final ArchRule noCyclesBetweenFeaturePackages =
            slices().matching("dev.shutter.projections.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule profileViewStandsAlone = standsAlone("profile");

    @ArchTest
    static final ArchRule socialViewStandsAlone = standsAlone("social");

    @ArchTest
    static final ArchRule postViewStandsAlone = standsAlone("post");

    @ArchTest
    static final ArchRule timelineViewStandsAlone = standsAlone("timeline");

    @ArchTest
    static final ArchRule viewsKnowNeitherTransportNorWeb = noClasses()
            .that()
            .resideInAnyPackage(
                    "..projections.profile..",
                    "..projections.social..",
                    "..projections.post..",
                    "..projections.timeline..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "..projections.amqp..", "..projections.admin..", "..projections.web..", "..projections.config..");

    @ArchTest
    static final ArchRule sharedViewKernelDependsOnNoFeature = noClasses()
            .that()
            .resideInAPackage("..projections.view..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "..projections.profile..",
                    "..projections.social..",
                    "..projections.post..",
                    "..projections.timeline..",
                    "..projections.amqp..",
                    "..projections.admin..");

    @ArchTest
    static final ArchRule projectionsNeverPublish = noClasses()
            .that()
            .resideOutsideOfPackage("..projections.amqp..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.springframework.amqp.core.AmqpTemplate")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.springframework.amqp.rabbit.core.RabbitTemplate");

    /** Each view is built from events alone, so it can be rebuilt alone: it uses no other view's code. */
    private static ArchRule standsAlone(String view) {
        String[] otherViews = Stream.of("profile", "social", "post", "timeline")
                .filter(other -> !other.equals(view))
                .map(other -> "dev.shutter.projections." + other + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAPackage("dev.shutter.projections." + view + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(otherViews);
    }
}
