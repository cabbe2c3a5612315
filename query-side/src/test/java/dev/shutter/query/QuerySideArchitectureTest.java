package dev.shutter.query;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.mongodb.client.MongoCollection;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

@AnalyzeClasses(packages = "dev.shutter.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    @ArchTest
    static final ArchRule noFieldInjection = noFields()
            .should()
            .beAnnotatedWith(Autowired.class)
            .orShould()
            .beAnnotatedWith(Value.class)
            .because("dependencies come through constructors");

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            slices().matching("dev.shutter.query.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule crossCuttingCodeDoesNotDependOnFeatures = noClasses()
            .that()
            .resideInAnyPackage("dev.shutter.query.config..", "dev.shutter.query.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.shutter.query.user..",
                    "dev.shutter.query.social..",
                    "dev.shutter.query.post..",
                    "dev.shutter.query.timeline..",
                    "dev.shutter.query.privacy..");

    @ArchTest
    static final ArchRule queriesNeverWriteToTheReadModels = noClasses()
            .should()
            .callMethodWhere(describe(
                    "a MongoDB write",
                    call -> call.getTargetOwner().isAssignableTo(MongoCollection.class)
                            && call.getName()
                                    .matches("(insert|update|replace|delete|drop|bulkWrite|findOneAnd|create).*")))
            .because("query-side only reads what projections writes");
}
