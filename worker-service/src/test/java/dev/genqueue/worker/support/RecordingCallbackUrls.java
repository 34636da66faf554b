package dev.genqueue.worker.support;

import dev.genqueue.worker.job.ClaimedJob;
import dev.genqueue.worker.submit.CallbackPlan;
import dev.genqueue.worker.submit.CallbackUrls;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

/** Lets tests know a job's callback URL (only its hash is stored), to forge a callback with a valid token. */
@Decorator
@Priority(1)
public class RecordingCallbackUrls implements CallbackUrls {

    private final CallbackUrls delegate;

    @Inject
    RecordingCallbackUrls(@Delegate @Any CallbackUrls delegate) {
        this.delegate = delegate;
    }

    @Override
    public CallbackPlan plan(ClaimedJob job, int attempt, boolean followed) {
        CallbackPlan plan = delegate.plan(job, attempt, followed);
        if (plan.hasUrl()) {
            CallbackReceiver.issued(job.id(), plan.url());
        }
        return plan;
    }
}
