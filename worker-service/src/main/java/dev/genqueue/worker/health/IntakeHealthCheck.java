package dev.genqueue.worker.health;

import dev.genqueue.worker.intake.StorageWait;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the Kafka door waits for an unreachable job store; it resumes by itself, so this is never a
 * liveness matter (a restart would only read the same records again).
 */
@Readiness
@ApplicationScoped
public class IntakeHealthCheck implements HealthCheck {

    private final StorageWait storage;

    IntakeHealthCheck(StorageWait storage) {
        this.storage = storage;
    }

    @Override
    public HealthCheckResponse call() {
        Instant since = storage.waitingSince();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-intake");
        if (since == null) {
            return response.up().build();
        }
        String error = storage.lastError();
        return response.down().withData("waitingForStoreSince", since.toString())
                .withData("lastError", error == null ? "" : error).build();
    }
}
