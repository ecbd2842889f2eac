package org.switchboard.selection;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The selection core depends on nothing but the JDK, so it can be reasoned about, simulated and tested alone. */
class SelectionIsPlainJavaTest {

    @Test
    void dependsOnlyOnTheJdk() {
        classes().that().resideInAPackage("org.switchboard.selection")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.switchboard.selection", "java..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.switchboard.selection"));
    }
}
