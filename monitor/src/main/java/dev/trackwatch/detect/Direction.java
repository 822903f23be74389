package dev.trackwatch.detect;

/** Which deviations from the expected value count as anomalies: above it, below it, or either. */
public enum Direction {
    /** Only values above the band are anomalies (e.g. an error rate). */
    UP,
    /** Only values below the band are anomalies (e.g. event volume that must not drop). */
    DOWN,
    /** Values outside the band on either side are anomalies. */
    BOTH;

    /** Whether a signed deviation (observed minus expected) points the way this direction watches. */
    boolean watches(double deviation) {
        return switch (this) {
            case UP -> deviation > 0;
            case DOWN -> deviation < 0;
            case BOTH -> deviation != 0;
        };
    }
}
