package dev.genqueue.worker.intake;

/** What one intake transaction did. */
public record IntakeSummary(int created, int duplicates, int deadLettered) {

    public static final IntakeSummary NONE = new IntakeSummary(0, 0, 0);

    public IntakeSummary plus(IntakeSummary other) {
        return new IntakeSummary(created + other.created, duplicates + other.duplicates,
                deadLettered + other.deadLettered);
    }
}
