package dev.genqueue.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** common holds the contracts every module shares: plain Java and Jackson, no framework. */
@AnalyzeClasses(packages = "dev.genqueue.common", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noFramework = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.quarkus..", "jakarta..", "javax..", "io.smallrye..", "org.eclipse.microprofile..")
            .because("the contracts are read by every module and by consumers outside genqueue");
}
