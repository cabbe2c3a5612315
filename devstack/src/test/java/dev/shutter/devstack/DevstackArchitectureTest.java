package dev.shutter.devstack;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.shutter.devstack", importOptions = ImportOption.DoNotIncludeTests.class)
class DevstackArchitectureTest {

    @ArchTest
    static final ArchRule noFieldInjection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    /** devstack starts each service through its application builder and knows nothing else of it. */
    @ArchTest
    static final ArchRule devstackSeesOnlyTheServicesApplicationClasses = noClasses()
            .that()
            .resideInAPackage("dev.shutter.devstack")
            .should()
            .dependOnClassesThat(resideInAnyPackage(
                            "dev.shutter.command..",
                            "dev.shutter.query..",
                            "dev.shutter.projections..",
                            "dev.shutter.media..",
                            "dev.shutter.push..")
                    .and(not(simpleNameEndingWith("Application"))));
}
