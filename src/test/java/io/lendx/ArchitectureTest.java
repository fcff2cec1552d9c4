package io.lendx;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import io.micronaut.data.annotation.Repository;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package rules of the design, checked on every build. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lendx");

    @Test
    void theGraphqlPlumbingNeverTouchesARepository() {
        noClasses().that().resideInAnyPackage("io.lendx.graphql..", "io.lendx.execution..", "io.lendx.http..")
                .should().dependOnClassesThat().areAnnotatedWith(Repository.class)
                .check(MAIN);
    }

    @Test
    void pagingAndErrorsKnowNothingOfGraphql() {
        noClasses().that().resideInAnyPackage("io.lendx.paging..", "io.lendx.error..")
                .should().dependOnClassesThat().resideInAnyPackage("graphql..", "io.lendx.graphql..",
                        "io.lendx.execution..", "io.lendx.http..")
                .check(MAIN);
    }

    @Test
    void noFeatureUsesTheRepositoryOfAnother() {
        for (String feature : new String[]{"user", "pool", "application", "loan", "balance"}) {
            String home = "io.lendx." + feature;
            DescribedPredicate<JavaClass> foreignRepository = DescribedPredicate.describe(
                    "repositories of other features", type -> type.getPackageName().startsWith("io.lendx.")
                            && !type.getPackageName().equals(home) && type.getSimpleName().endsWith("Repository"));
            noClasses().that().resideInAPackage(home).should().dependOnClassesThat(foreignRepository).check(MAIN);
        }
    }

    @Test
    void featuresUseTheGraphqlPackageButNeverTheHttpTransport() {
        noClasses().that().resideInAnyPackage("io.lendx.user..", "io.lendx.pool..", "io.lendx.application..",
                        "io.lendx.loan..", "io.lendx.balance..")
                .should().dependOnClassesThat().resideInAPackage("io.lendx.http..")
                .check(MAIN);
    }

    @Test
    void featuresUseTheGraphqlPackageButNeverTheExecutionMachinery() {
        noClasses().that().resideInAnyPackage("io.lendx.user..", "io.lendx.pool..", "io.lendx.application..",
                        "io.lendx.loan..", "io.lendx.balance..", "io.lendx.auth..", "io.lendx.audit..")
                .should().dependOnClassesThat().resideInAPackage("io.lendx.execution..")
                .check(MAIN);
    }

    @Test
    void theGraphqlPackageKnowsNothingOfHttpOrExecution() {
        noClasses().that().resideInAPackage("io.lendx.graphql..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lendx.http..", "io.lendx.execution..")
                .check(MAIN);
    }

    @Test
    void featuresDoNotFormCycles() {
        slices().matching("io.lendx.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
