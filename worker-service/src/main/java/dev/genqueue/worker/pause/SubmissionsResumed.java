package dev.genqueue.worker.pause;

/** Fired when submissions to APIXO may go on again: the dispatcher claims at once instead of at its next tick. */
public record SubmissionsResumed() {
}
