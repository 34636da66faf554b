package dev.genqueue.worker;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The worker's packages follow the job's path and depend on each other in one direction only: the engine on
 * the steps, the steps on admission, APIXO and the job, nothing back.
 */
@AnalyzeClasses(packages = "dev.genqueue.worker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesFormNoCycles = slices().matching("dev.genqueue.worker.(*)..")
            .should().beFreeOfCycles();
}
