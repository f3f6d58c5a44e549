package dev.trellis.notification;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.trellis.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {
    @Test
    void the_service_keeps_the_shared_shape() {
        ArchitectureRules.check("notification");
    }

    @Test
    void nothing_but_the_api_depends_on_the_api() {
        noClasses().that().resideOutsideOfPackage("dev.trellis.notification.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.trellis.notification.api..")
                .because("projections and use cases do not know the JSON shapes")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.trellis.notification"));
    }
}
