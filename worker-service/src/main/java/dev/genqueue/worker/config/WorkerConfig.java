package dev.genqueue.worker.config;

import dev.genqueue.common.contract.DeliveryMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the worker's engine, intake and storage ({@code genqueue.worker.*}). */
@ConfigMapping(prefix = "genqueue.worker")
public interface WorkerConfig {

    /** Name of this worker in leases and logs; defaults to the host name and process id. */
    Optional<String> instanceId();

    /** How a job that names no delivery mode learns of its task's completion. */
    @WithDefault("polling")
    DeliveryMode defaultDelivery();

    /** Claiming due jobs. */
    Dispatch dispatch();

    /** Following APIXO tasks. */
    Poll poll();

    /** Where outputs are stored. */
    Storage storage();

    /** Submitting to APIXO. */
    Submit submit();

    /** Waiting after transient failures, and resubmitting failed tasks. */
    Retry retry();

    /** Following callback-mode jobs. */
    Callback callback();

    /** Copying result files. */
    Download download();

    /** Grouping state writes into transactions. */
    Writer writer();

    /** How long shutdown waits for in-flight jobs before leaving them to lease expiry. */
    @WithDefault("10s")
    Duration shutdownGrace();

    /** Claiming due jobs. */
    interface Dispatch {

        /** Whether this instance works on jobs at all (an intake-only instance sets false). */
        @WithDefault("true")
        boolean enabled();

        /** Most jobs claimed by one query. */
        @WithDefault("100")
        int batchSize();

        /** Most jobs this worker works on at once. */
        @WithDefault("1000")
        int maxInFlight();

        /** Pause before the next claim when the last one found less than a full batch. */
        @WithDefault("100ms")
        Duration interval();

        /** How long a claim owns a job before another worker may take it over. */
        @WithDefault("60s")
        Duration lease();
    }

    /** Following APIXO tasks. */
    interface Poll {

        /** Multiplies every poll-profile duration (initial wait, interval, cap, max wait); 1.0 in production. */
        @WithDefault("1.0")
        double timeScale();

        /**
         * How long past the max wait the final status check keeps being retried while APIXO does not answer
         * (outage, open breaker) before the job times out without one.
         */
        @WithDefault("24h")
        Duration finalCheckGrace();
    }

    /** Where outputs are stored. */
    interface Storage {

        /** Root directory of the local output store. */
        @WithDefault("data/outputs")
        Path directory();

        /** Force each stored file to disk before the job that names it commits. */
        @WithDefault("true")
        boolean fsync();
    }

    /** Submitting to APIXO. */
    interface Submit {

        /** What to do when a submit may have created a task whose id was never recorded. */
        @WithDefault("resubmit")
        UnknownSubmitPolicy unknownOutcome();

        /**
         * How long a job found in SUBMITTING whose attempt carried a callback URL waits for the orphaned task to
         * announce itself, per model type ({@code image-fast}, {@code image-quality}, {@code audio},
         * {@code video}); a type not named waits its expected completion time × 1.5, scaled like the polls.
         */
        Map<String, Duration> adoptionWait();
    }

    /** Waiting after transient failures: {@code initial × 2^n}, capped, with ±20 % jitter. */
    interface Retry {

        /** Most APIXO tasks per job when tasks fail with a transient failCode (the first one included). */
        @WithDefault("3")
        int maxAttempts();

        /** Wait after the first transient failure. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest wait between two tries. */
        @WithDefault("60s")
        Duration maxBackoff();
    }

    /** Following callback-mode jobs. */
    interface Callback {

        /**
         * Confirm a callback with a status query before the job changes state (APIXO does not sign webhooks);
         * when off, a callback whose task id matches the job's task is trusted as it is.
         */
        @WithDefault("true")
        boolean confirm();
    }

    /** Copying result files. */
    interface Download {

        /** Parallel downloads; each holds one thread while it streams (I/O bound, so more than the cores). */
        @WithDefault("32")
        int threads();

        /** Time to establish a connection to a result host. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** Longest time one file may take, headers to last byte. */
        @WithDefault("10m")
        Duration timeout();
    }

    /** Grouping state writes into transactions. */
    interface Writer {

        /** Most job updates committed in one transaction. */
        @WithDefault("500")
        int batchSize();

        /** Threads committing state writes concurrently. */
        @WithDefault("2")
        int threads();

        /**
         * How long a batch of state writes is retried while the database is unreachable (lost connection,
         * restart) before its jobs are left to lease expiry. Keep it below the lease.
         */
        @WithDefault("30s")
        Duration outageRetry();
    }
}
