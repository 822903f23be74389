package dev.trackwatch.run;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.evaluate.CheckResult;

import java.time.Instant;
import java.util.List;

/**
 * Hears the results of every dataset run the scheduler completes. The incidents and notifications
 * stage is one; the scheduler knows only this interface, so the later pipeline stages can depend on
 * the scheduler's beans without the scheduler depending on them.
 */
public interface RunListener {

    /**
     * Takes one run's results. Called on the scheduler's worker thread; an implementation handles
     * its own failures, since the run itself is done and stored.
     */
    void onResults(TrackwatchSpec spec, DatasetSpec dataset, List<CheckResult> results, Instant now);
}
