package dev.trackwatch.evaluate;

import dev.trackwatch.config.AnomalySpec;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.detect.DetectorSettings;
import dev.trackwatch.detect.Direction;
import dev.trackwatch.detect.Seasonality;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a check's {@code anomaly:} settings into the detector's settings for one of its series.
 * Where the check is silent, the defaults depend on what the metric is: a null rate or a latency
 * is only bad when it rises, and rates need an absolute floor (a null rate going from 0.1 % to
 * 0.3 % triples but is noise). These per-type defaults are documented in docs/checks.md.
 */
public final class AnomalySettings {

    /** How long a bucket's series may lag before a catch-up run stops judging it, when not configured. */
    static final Duration DEFAULT_DETECTION_PERIOD = Duration.ofDays(1);

    private AnomalySettings() {
    }

    /** Returns the series of {@code check} that have a seasonal baseline: the same ones static bounds judge. */
    static boolean hasBaseline(CheckSpec check, String series) {
        return switch (check) {
            case CheckSpec.Volume v -> series.equals("row_count");
            case CheckSpec.NullRate n -> series.startsWith("null_rate:");
            case CheckSpec.Cardinality c -> series.startsWith("distinct:");
            case CheckSpec.Latency l -> series.equals("latency_p95_seconds") || series.startsWith("late_share:");
            case CheckSpec.Custom c -> series.startsWith("custom:");
            case CheckSpec.Freshness f -> false;
            case CheckSpec.Schema s -> false;
        };
    }

    /** Returns the detector settings for {@code series} of {@code check} in {@code segment}. */
    static DetectorSettings of(CheckSpec check, String series, Map<String, String> segment) {
        AnomalySpec a = check.common().anomaly();
        DetectorSettings s = DetectorSettings.defaults().withDirection(defaultDirection(check));
        s = s.withMinAbsoluteChange(defaultMinChange(check, series));
        if (check instanceof CheckSpec.Volume v && !segment.isEmpty()) {
            s = s.withMinValue(v.minSegmentRows()); // the floor below which a segment is too small to judge
        }
        if (a == null) {
            return s;
        }
        if (a.trainingPeriod() != null) {
            s = s.withTrainingPeriod(a.trainingPeriod());
        }
        if (a.sensitivity() != null) {
            s = s.withSensitivity(a.sensitivity());
        }
        if (a.direction() != null) {
            s = s.withDirection(Direction.valueOf(a.direction().toUpperCase(Locale.ROOT)));
        }
        if (a.seasonality() != null) {
            s = s.withSeasonality(Seasonality.valueOf(a.seasonality().toUpperCase(Locale.ROOT)));
        }
        if (a.minAbsoluteChange() != null) {
            s = s.withMinAbsoluteChange(a.minAbsoluteChange());
        }
        if (a.minValue() != null) {
            s = s.withMinValue(Math.max(s.minValue(), a.minValue()));
        }
        if (a.persistence() != null) {
            s = s.withPersistence(a.persistence());
        }
        if (a.minTrainingBuckets() != null) {
            s = s.withMinTrainingPoints(a.minTrainingBuckets());
        }
        if (a.acceptAfter() != null) {
            s = s.withAcceptAfter(a.acceptAfter());
        }
        return s;
    }

    /** Returns how much history {@code check}'s baselines learn from. */
    public static Duration trainingPeriod(CheckSpec check) {
        return of(check, "", Map.of()).trainingPeriod();
    }

    /** Returns how far back a catch-up run judges buckets for {@code check}. */
    static Duration detectionPeriod(CheckSpec check) {
        AnomalySpec a = check.common().anomaly();
        return a != null && a.detectionPeriod() != null ? a.detectionPeriod() : DEFAULT_DETECTION_PERIOD;
    }

    private static Direction defaultDirection(CheckSpec check) {
        return switch (check) {
            case CheckSpec.NullRate n -> Direction.UP;
            case CheckSpec.Latency l -> Direction.UP;
            default -> Direction.BOTH;
        };
    }

    private static double defaultMinChange(CheckSpec check, String series) {
        if (series.startsWith("null_rate:") || series.startsWith("late_share:")) {
            return 0.05; // five percentage points
        }
        if (series.equals("latency_p95_seconds")) {
            return 60; // a minute
        }
        if (series.startsWith("distinct:")) {
            return 3;
        }
        return 0;
    }
}
