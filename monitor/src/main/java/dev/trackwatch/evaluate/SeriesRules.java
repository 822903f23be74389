package dev.trackwatch.evaluate;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.detect.DetectorSettings;
import dev.trackwatch.plan.SeriesKey;

import java.util.List;
import java.util.Map;

/**
 * What the generic judging ({@link SeriesJudge}) needs to know about one check's series, told by
 * the check's type: which static bounds apply to a series, whether it has a seasonal baseline,
 * which segment dimensions the check judges, and the detector defaults for its kind of metric.
 */
public interface SeriesRules {

    /** Returns the static bounds of {@code series}, or null when the check only records it. */
    Bounds bounds(SeriesKey series);

    /** Returns whether {@code series} is compared with a seasonal baseline (when detection is on). */
    boolean hasBaseline(SeriesKey series);

    /** Returns the segment dimensions the check judges besides its total, or null for all the scan has. */
    List<String> segments();

    /**
     * Returns the detector settings of {@code series} in {@code segment} before the check's own
     * {@code anomaly:} settings apply: a null rate is only bad when it rises, rates need a floor.
     */
    DetectorSettings defaults(SeriesKey series, Map<String, String> segment);

    /**
     * Returns the value judged for an observed value: most series are judged as observed, a
     * tracking-plan rule as the share of the bucket's rows that break it.
     *
     * @param rows the bucket's (and segment's) rows
     */
    default double judgedValue(SeriesKey series, double value, long rows) {
        return value;
    }
}
