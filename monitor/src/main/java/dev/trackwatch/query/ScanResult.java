package dev.trackwatch.query;

import java.time.Duration;

/** The outcome of scanning one dataset over one window: observations, or why there are none. */
public sealed interface ScanResult permits ScanSuccess, ScanFailure {

    /** Returns the dataset name. */
    String dataset();

    /** Returns the wall time the scan took. */
    Duration elapsed();
}
