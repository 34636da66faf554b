package dev.genqueue.worker.pause;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The fleet-wide pause of submissions while APIXO refuses the account ({@code genqueue.worker.pause.*}). */
@ConfigMapping(prefix = "genqueue.worker.pause")
public interface PauseConfig {

    /** How often one worker of the fleet asks APIXO for the balance while paused. */
    @WithDefault("1m")
    Duration checkInterval();

    /** How often each worker reads the fleet's pause state (and, when due, runs the balance check). */
    @WithDefault("2s")
    Duration refresh();
}
