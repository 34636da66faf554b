package dev.genqueue.worker.health;

import dev.genqueue.worker.config.WorkerConfig;
import dev.genqueue.worker.dispatch.Dispatcher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the claim loop keeps turning; a stuck dispatcher thread means the worker should be restarted. */
@Liveness
@ApplicationScoped
public class DispatcherHealthCheck implements HealthCheck {

    private static final Duration MIN_TOLERANCE = Duration.ofSeconds(30);

    private final Dispatcher dispatcher;
    private final WorkerConfig config;

    DispatcherHealthCheck(Dispatcher dispatcher, WorkerConfig config) {
        this.dispatcher = dispatcher;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        if (!config.dispatch().enabled()) {
            return HealthCheckResponse.named("dispatcher").up().withData("enabled", false).build();
        }
        Duration tolerance = config.dispatch().interval().multipliedBy(20);
        boolean alive = dispatcher.isAlive(tolerance.compareTo(MIN_TOLERANCE) > 0 ? tolerance : MIN_TOLERANCE);
        return HealthCheckResponse.named("dispatcher").status(alive).withData("inFlight", dispatcher.inFlight()).build();
    }
}
