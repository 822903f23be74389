package dev.trackwatch.config;

/**
 * Static limits on a metric. A value outside {@code [failMin, failMax]} fails the check; outside
 * {@code [warnMin, warnMax]} warns. Any of them may be null (no limit on that side).
 *
 * @param failMin lowest acceptable value
 * @param failMax highest acceptable value
 * @param warnMin lowest value that does not warn
 * @param warnMax highest value that does not warn
 */
public record Bounds(Double failMin, Double failMax, Double warnMin, Double warnMax) {

    /** No limits at all: such a check only records its metric (seasonal detection comes later). */
    public static final Bounds NONE = new Bounds(null, null, null, null);

    /** Returns true when no limit is set. */
    public boolean isEmpty() {
        return failMin == null && failMax == null && warnMin == null && warnMax == null;
    }
}
