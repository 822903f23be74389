package dev.trackwatch.evaluate;

import dev.trackwatch.config.AnomalySpec;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.detect.DetectorSettings;
import dev.trackwatch.plan.SeriesKey;

import java.time.Duration;
import java.util.Map;

/**
 * Turns a check's {@code anomaly:} settings into the detector's settings for one of its series.
 * Where the check is silent, the defaults are its type's ({@link SeriesRules#defaults}): a null
 * rate or a latency is only bad when it rises, and rates need an absolute floor (a null rate going
 * from 0.1 % to 0.3 % triples but is noise). These per-type defaults are documented in docs/checks.md.
 */
public final class AnomalySettings {

    /** How long a bucket's series may lag before a catch-up run stops judging it, when not configured. */
    static final Duration DEFAULT_DETECTION_PERIOD = Duration.ofDays(1);

    private AnomalySettings() {
    }

    /** Returns the detector settings for {@code series} of {@code check} in {@code segment}. */
    static DetectorSettings of(CheckSpec check, SeriesRules rules, SeriesKey series, Map<String, String> segment) {
        return apply(check.common().anomaly(), rules.defaults(series, segment));
    }

    /** Applies the settings a check wrote over {@code s}, its type's defaults. */
    private static DetectorSettings apply(AnomalySpec a, DetectorSettings s) {
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
            s = s.withDirection(a.direction());
        }
        if (a.seasonality() != null) {
            s = s.withSeasonality(a.seasonality());
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

    /** Returns how much history {@code check}'s baselines learn from (no type default changes it). */
    public static Duration trainingPeriod(CheckSpec check) {
        return apply(check.common().anomaly(), DetectorSettings.defaults()).trainingPeriod();
    }

    /** Returns how far back a catch-up run judges buckets for {@code check}. */
    public static Duration detectionPeriod(CheckSpec check) {
        AnomalySpec a = check.common().anomaly();
        return a != null && a.detectionPeriod() != null ? a.detectionPeriod() : DEFAULT_DETECTION_PERIOD;
    }
}
