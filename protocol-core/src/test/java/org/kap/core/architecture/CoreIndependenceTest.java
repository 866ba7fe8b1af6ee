package org.kap.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * protocol-core is the domain: plain Java plus Axon's modelling annotations. It must not reach for
 * Spring, Jackson, JDBC or the modules that sit on top of it.
 */
class CoreIndependenceTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.kap.core");

    @Test
    void core_does_not_depend_on_spring_jackson_jdbc_or_the_outer_modules() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "com.fasterxml.jackson.databind..", "java.sql..", "javax.sql..",
                        "jakarta.persistence..", "org.kap.dsl..", "org.kap.api..", "org.kap.scenarios..")
                .because("protocol-core holds the domain only; persistence, HTTP and parsing live in the outer modules")
                .check(CORE);
    }

    @Test
    void the_rule_model_and_its_evaluation_know_nothing_of_axon() {
        noClasses().that().resideOutsideOfPackage("org.kap.core.course..")
                .should().dependOnClassesThat().resideInAPackage("org.axonframework..")
                .because("rules are data evaluated by pure functions; only the course aggregate is an Axon aggregate")
                .check(CORE);
    }

    @Test
    void the_course_uses_only_axons_modelling_annotations_and_lifecycle() {
        noClasses().should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "Axon types other than its handler annotations, the snapshot revision and AggregateLifecycle",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("org.axonframework")
                                && !java.util.Set.of(
                                "org.axonframework.commandhandling.CommandHandler",
                                "org.axonframework.eventsourcing.EventSourcingHandler",
                                "org.axonframework.modelling.command.AggregateIdentifier",
                                "org.axonframework.modelling.command.TargetAggregateIdentifier",
                                "org.axonframework.serialization.Revision",
                                "org.axonframework.modelling.command.AggregateLifecycle").contains(c.getName())))
                .check(CORE);
    }
}
