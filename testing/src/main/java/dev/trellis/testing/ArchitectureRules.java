package dev.trellis.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The shape every service keeps (checked by each service's ArchitectureTest):
 * the domain package is plain Java (no framework), and no service depends on another service's code.
 */
public final class ArchitectureRules {
    public static final List<String> SERVICES = List.of("profile", "invitation", "connection", "recommendation",
            "notification");

    public static void check(String service) {
        String base = "dev.trellis." + service;
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base);
        classes().that().resideInAPackage(base + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", base + ".domain..",
                        "dev.trellis.events..", "dev.trellis.platform.domain..")
                .because("domain rules are plain Java, testable without the framework")
                .check(classes);
        for (String other : SERVICES) {
            if (!other.equals(service)) {
                noClasses().should().dependOnClassesThat().resideInAPackage("dev.trellis." + other + "..")
                        .because("services talk through events and REST only, never through each other's code")
                        .check(classes);
            }
        }
    }

    private ArchitectureRules() {
    }
}
