package dev.shutter.devstack.infra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.shutter.devstack.infra", importOptions = ImportOption.DoNotIncludeTests.class)
class DevstackInfraArchitectureTest {

    /** Services use this module in their tests and the devstack at run time, so it must not bring its own Spring. */
    @ArchTest
    static final ArchRule plainJavaWithoutSpring =
            noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule onlyTheContractIsPublic = classes()
            .that()
            .haveModifier(JavaModifier.PUBLIC)
            .and()
            .areTopLevelClasses()
            .should()
            .haveSimpleName("Postgres")
            .orShould()
            .haveSimpleName("JdbcDatabase")
            .orShould()
            .haveSimpleName("AmqpBroker")
            .orShould()
            .haveSimpleName("Mongo")
            .orShould()
            .haveSimpleName("ObjectStorage")
            .orShould()
            .haveSimpleName("FakeFcm")
            .orShould()
            .haveSimpleName("FcmMessage")
            .orShould()
            .haveSimpleName("JwtKeys")
            .orShould()
            .haveSimpleName("TestInfrastructure");

    @ArchTest
    static final ArchRule serversCanBeStopped = classes()
            .that()
            .haveSimpleName("Postgres")
            .or()
            .haveSimpleName("AmqpBroker")
            .or()
            .haveSimpleName("Mongo")
            .or()
            .haveSimpleName("ObjectStorage")
            .or()
            .haveSimpleName("FakeFcm")
            .should()
            .implement(AutoCloseable.class);
}
