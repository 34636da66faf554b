package dev.genqueue.worker.intake;

import dev.genqueue.common.contract.GenerationRequest;
import dev.genqueue.store.intake.IntakeOutcome;
import dev.genqueue.store.intake.IntakeSource;
import dev.genqueue.store.intake.JobIntake;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/** One transaction per batch of records: the valid ones become jobs, every other one a dead letter. */
@ApplicationScoped
public class IntakeWriter {

    private final JobIntake intake;
    private final DeadLetters deadLetters;

    IntakeWriter(JobIntake intake, DeadLetters deadLetters) {
        this.intake = intake;
        this.deadLetters = deadLetters;
    }

    @Transactional
    public IntakeSummary write(List<Triaged> records) {
        List<Triaged.Valid> valid = new ArrayList<>();
        List<Triaged.Invalid> invalid = new ArrayList<>();
        for (Triaged record : records) {
            if (record instanceof Triaged.Valid accepted) {
                valid.add(accepted);
            } else {
                invalid.add((Triaged.Invalid) record);
            }
        }
        List<GenerationRequest> requests = valid.stream().map(Triaged.Valid::request).toList();
        List<IntakeOutcome> outcomes = intake.acceptAll(requests, IntakeSource.KAFKA);
        int created = 0;
        int duplicates = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            IntakeOutcome outcome = outcomes.get(i);
            if (outcome instanceof IntakeOutcome.Created) {
                created++;
            } else if (outcome instanceof IntakeOutcome.Duplicate) {
                duplicates++;
            } else {
                invalid.add(new Triaged.Invalid(valid.get(i).source(), "requestId: already used by job "
                        + outcome.jobId() + " for a different request"));
            }
        }
        deadLetters.record(invalid);
        return new IntakeSummary(created, duplicates, invalid.size());
    }
}
