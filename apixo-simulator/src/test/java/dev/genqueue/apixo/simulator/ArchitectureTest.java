package dev.genqueue.apixo.simulator;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The simulator is an independent implementation of APIXO: sharing genqueue's contracts, catalogue or client
 * would let a misreading of the API pass on both sides unnoticed.
 */
@AnalyzeClasses(packages = "dev.genqueue.apixo.simulator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule independentOfGenqueue = noClasses().should().dependOnClassesThat(
                    resideInAPackage("dev.genqueue..").and(resideOutsideOfPackage("dev.genqueue.apixo.simulator..")))
            .because("it must catch the client's mistakes, not share them");
}
