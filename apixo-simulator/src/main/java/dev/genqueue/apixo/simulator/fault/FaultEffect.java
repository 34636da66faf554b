package dev.genqueue.apixo.simulator.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * What a fault rule or prompt directive does. Response effects change one HTTP answer; task effects
 * change a task created by the submit they match.
 */
public sealed interface FaultEffect {

    /** Whether the effect applies to an HTTP answer rather than to a created task. */
    default boolean affectsResponse() {
        return false;
    }

    /** Answer with this HTTP status and a standard error envelope instead of the real answer. */
    record HttpError(int status) implements FaultEffect {
        public HttpError {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("http error status must be 400..599");
            }
        }

        @Override
        public boolean affectsResponse() {
            return true;
        }
    }

    /** Hold the (real) answer back for this wall-clock delay; a submit still creates its task at once. */
    record SlowResponse(Duration delay) implements FaultEffect {
        public SlowResponse {
            Objects.requireNonNull(delay, "delay");
        }

        @Override
        public boolean affectsResponse() {
            return true;
        }
    }

    /**
     * Close the connection without answering; with {@code afterProcessing} the request takes effect first
     * (a submit creates and charges its task), so the client cannot know whether it did.
     */
    record DropConnection(boolean afterProcessing) implements FaultEffect {
        @Override
        public boolean affectsResponse() {
            return true;
        }
    }

    /** The task ends {@code failed} with this failCode (message from the vocabulary when null). */
    record FailTask(String failCode, String failMsg) implements FaultEffect {
        public FailTask {
            if (failCode == null || failCode.isBlank()) {
                throw new IllegalArgumentException("failCode must not be blank");
            }
        }
    }

    /** The task stays {@code processing} forever (and keeps its concurrency slot). */
    record NeverFinish() implements FaultEffect {
    }

    /** The task processes for exactly this simulated duration (scaled by the time factor). */
    record FixedDuration(Duration simulated) implements FaultEffect {
        public FixedDuration {
            Objects.requireNonNull(simulated, "simulated");
        }
    }

    /** Changes how the task's callback is delivered; see {@link CallbackFault}. */
    record Callback(CallbackFault fault) implements FaultEffect {
        public Callback {
            Objects.requireNonNull(fault, "fault");
        }
    }
}
