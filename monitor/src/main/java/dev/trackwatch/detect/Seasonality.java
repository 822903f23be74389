package dev.trackwatch.detect;

/**
 * Which cycle the baseline compares a point with. {@link #AUTO} looks for a daily and a weekly
 * cycle in the learned history by autocorrelation and falls back to {@link #NONE} when neither
 * is clear.
 */
public enum Seasonality {
    /** Detect the cycle from the history (daily, weekly or none) and revisit the choice as it grows. */
    AUTO,
    /** No cycle: every point is compared with the recent level. */
    NONE,
    /** A daily cycle: a point is compared with the same time of day (hour-of-day for hourly data). */
    DAILY,
    /** A weekly cycle: the same time of week (hour-of-week), once two weeks of history allow it. */
    WEEKLY
}
