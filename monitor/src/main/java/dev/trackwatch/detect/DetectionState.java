package dev.trackwatch.detect;

/** What the detector could say about a point. */
public enum DetectionState {
    /** Too little history to judge (cold start): reported as NOT_EVALUATED with reason "learning", never an alert. */
    LEARNING,
    /** Inside the band, or outside it by less than the floors allow. */
    NORMAL,
    /** Outside the band in the watched direction and above the floors; an alert once it persists. */
    ANOMALY
}
