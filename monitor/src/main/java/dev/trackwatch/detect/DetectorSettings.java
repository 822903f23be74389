package dev.trackwatch.detect;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SeasonalDetector} learns and judges, in Elementary's vocabulary. The record is
 * immutable; the {@code with...} methods return changed copies. See docs/detection.md for what
 * each setting does and why the defaults are what they are.
 *
 * @param trainingPeriod    how much history the baseline learns from; older points are forgotten
 * @param sensitivity       the band's half-width in robust standard deviations (anomaly_sensitivity)
 * @param direction         which side of the band is watched
 * @param seasonality       which cycle the baseline compares with
 * @param minAbsoluteChange a deviation smaller than this is never an anomaly (0 turns it off)
 * @param minValue          when both the observed and the expected value are below this, the point
 *                          is never an anomaly (0 turns it off): a drop from 5 to 3 events is noise
 * @param persistence       how many consecutive anomalous points it takes to alert (at least 1)
 * @param minTrainingPoints with fewer learned points than this the detector is learning (cold start)
 * @param acceptAfter       a level shift that persists this long becomes the new normal; null keeps
 *                          alerting until the values come back
 */
public record DetectorSettings(Duration trainingPeriod, double sensitivity, Direction direction,
                               Seasonality seasonality, double minAbsoluteChange, double minValue,
                               int persistence, int minTrainingPoints, Duration acceptAfter) {

    /** Validates the settings; every violation is a programming or configuration error. */
    public DetectorSettings {
        Objects.requireNonNull(trainingPeriod, "trainingPeriod");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(seasonality, "seasonality");
        if (trainingPeriod.isNegative() || trainingPeriod.isZero()) {
            throw new IllegalArgumentException("trainingPeriod must be positive, got " + trainingPeriod);
        }
        if (!(sensitivity > 0) || Double.isInfinite(sensitivity)) {
            throw new IllegalArgumentException("sensitivity must be a positive number, got " + sensitivity);
        }
        if (!(minAbsoluteChange >= 0) || !(minValue >= 0)) {
            throw new IllegalArgumentException("minAbsoluteChange and minValue must be >= 0");
        }
        if (persistence < 1) {
            throw new IllegalArgumentException("persistence must be >= 1, got " + persistence);
        }
        if (minTrainingPoints < 1) {
            throw new IllegalArgumentException("minTrainingPoints must be >= 1, got " + minTrainingPoints);
        }
        if (acceptAfter != null && acceptAfter.isNegative()) {
            throw new IllegalArgumentException("acceptAfter must not be negative, got " + acceptAfter);
        }
    }

    /**
     * The defaults: 28 days of history, 3 robust standard deviations, both directions, automatic
     * seasonality, no floors, alert on the first anomalous point, learn from 48 points, and accept a
     * level shift as the new normal after a day.
     */
    public static DetectorSettings defaults() {
        return new DetectorSettings(Duration.ofDays(28), 3.0, Direction.BOTH, Seasonality.AUTO, 0, 0, 1, 48,
                Duration.ofDays(1));
    }

    /** A copy with another training period. */
    public DetectorSettings withTrainingPeriod(Duration value) {
        return new DetectorSettings(value, sensitivity, direction, seasonality, minAbsoluteChange, minValue,
                persistence, minTrainingPoints, acceptAfter);
    }

    /** A copy with another sensitivity. */
    public DetectorSettings withSensitivity(double value) {
        return new DetectorSettings(trainingPeriod, value, direction, seasonality, minAbsoluteChange, minValue,
                persistence, minTrainingPoints, acceptAfter);
    }

    /** A copy with another direction. */
    public DetectorSettings withDirection(Direction value) {
        return new DetectorSettings(trainingPeriod, sensitivity, value, seasonality, minAbsoluteChange, minValue,
                persistence, minTrainingPoints, acceptAfter);
    }

    /** A copy with another seasonality. */
    public DetectorSettings withSeasonality(Seasonality value) {
        return new DetectorSettings(trainingPeriod, sensitivity, direction, value, minAbsoluteChange, minValue,
                persistence, minTrainingPoints, acceptAfter);
    }

    /** A copy with another minimum absolute change. */
    public DetectorSettings withMinAbsoluteChange(double value) {
        return new DetectorSettings(trainingPeriod, sensitivity, direction, seasonality, value, minValue,
                persistence, minTrainingPoints, acceptAfter);
    }

    /** A copy with another minimum value. */
    public DetectorSettings withMinValue(double value) {
        return new DetectorSettings(trainingPeriod, sensitivity, direction, seasonality, minAbsoluteChange, value,
                persistence, minTrainingPoints, acceptAfter);
    }

    /** A copy with another persistence. */
    public DetectorSettings withPersistence(int value) {
        return new DetectorSettings(trainingPeriod, sensitivity, direction, seasonality, minAbsoluteChange, minValue,
                value, minTrainingPoints, acceptAfter);
    }

    /** A copy with another minimum number of training points. */
    public DetectorSettings withMinTrainingPoints(int value) {
        return new DetectorSettings(trainingPeriod, sensitivity, direction, seasonality, minAbsoluteChange, minValue,
                persistence, value, acceptAfter);
    }

    /** A copy with another acceptance window (null: never accept a level shift). */
    public DetectorSettings withAcceptAfter(Duration value) {
        return new DetectorSettings(trainingPeriod, sensitivity, direction, seasonality, minAbsoluteChange, minValue,
                persistence, minTrainingPoints, value);
    }
}
