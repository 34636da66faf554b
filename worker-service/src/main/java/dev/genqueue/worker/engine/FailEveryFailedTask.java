package dev.genqueue.worker.engine;

import dev.genqueue.worker.dispatch.ClaimedJob;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** The default policy until failCodes are classified: every failed task fails its job, nothing is paid twice. */
@DefaultBean
@ApplicationScoped
public class FailEveryFailedTask implements FailurePolicy {

    @Override
    public FailureDecision onTaskFailed(ClaimedJob job, int attempts, String failCode, String failMsg) {
        return FailureDecision.FAIL;
    }
}
