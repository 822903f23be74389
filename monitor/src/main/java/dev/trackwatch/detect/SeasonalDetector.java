package dev.trackwatch.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The anomaly detector behind the seasonal checks: it learns a metric's own history (level, trend,
 * daily or weekly cycle, robust spread; see {@link Baseline}) and scores each new point against a
 * band of {@code sensitivity} robust standard deviations around the expected value.
 *
 * <p>It is causal and deterministic: a point's detection depends only on the settings and the
 * points before it. Anomalous points are not learned while their incident is open, so an incident
 * does not drag the baseline towards itself; a level shift that outlasts
 * {@link DetectorSettings#acceptAfter()} is accepted: its points are learned after all and the new
 * level becomes normal. Not thread-safe: one instance follows one series.
 */
public final class SeasonalDetector implements Detector {

    /** An anomalous point held out of the baseline while its incident is open, with its deviation from expected. */
    private record Held(long time, double value, double deviation) {
    }

    private final DetectorSettings settings;
    private final boolean learnIncidents;
    private final LearnedPoints points;
    /** Every point offered for learning, as observed: what the cycle is decided on and relearned from. */
    private final LearnedPoints observed;
    private final Baseline baseline;
    private long lastTime = Long.MIN_VALUE;

    private int anomalousRun;
    private int normalRun;
    private boolean incidentOpen;
    private long incidentStart;
    /** Anomalous points of the current streak that would have been learned; learned if the shift is accepted. */
    private final List<Held> held = new ArrayList<>();

    /** Creates a detector with no history that learns resolved incidents as one excursion each. */
    public SeasonalDetector(DetectorSettings settings) {
        this(settings, true);
    }

    /**
     * Creates a detector with no history.
     *
     * @param learnIncidents whether a resolved incident's points are learned (as one excursion, see
     *                       {@link #resolve()}); false keeps every point of a past incident out of the
     *                       baseline for good, which data-quality checks want: last week's outage must
     *                       not widen this week's band
     */
    public SeasonalDetector(DetectorSettings settings, boolean learnIncidents) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.learnIncidents = learnIncidents;
        this.points = new LearnedPoints();
        this.observed = new LearnedPoints();
        this.baseline = new Baseline(settings.seasonality(), points);
    }

    private SeasonalDetector(SeasonalDetector other) {
        this.settings = other.settings;
        this.learnIncidents = other.learnIncidents;
        this.points = other.points.copy();
        this.observed = other.observed.copy();
        this.baseline = other.baseline.copy(points);
        this.lastTime = other.lastTime;
        this.anomalousRun = other.anomalousRun;
        this.normalRun = other.normalRun;
        this.incidentOpen = other.incidentOpen;
        this.incidentStart = other.incidentStart;
        this.held.addAll(other.held);
    }

    /**
     * Returns an independent copy in the same state: feeding the copy leaves this one as it was.
     * Checks keep one detector per series that has learned the settled history, and score the
     * unsettled recent buckets on a copy, so a run costs the new buckets, not the whole history.
     */
    public SeasonalDetector copy() {
        return new SeasonalDetector(this);
    }

    /** The settings this detector judges with. */
    public DetectorSettings settings() {
        return settings;
    }

    /** The cycle the baseline currently models: {@code NONE}, {@code DAILY} or {@code WEEKLY}. */
    public Seasonality cycle() {
        return baseline.cycle();
    }

    @Override
    public Detection next(Instant time, double value) {
        return next(time, value, true);
    }

    @Override
    public Detection next(Instant time, double value, boolean learn) {
        Objects.requireNonNull(time, "time");
        long t = time.toEpochMilli();
        if (t < lastTime) {
            throw new IllegalArgumentException("points must come in time order: " + time + " is before "
                    + Instant.ofEpochMilli(lastTime));
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value at " + time + " is not a finite number: " + value);
        }
        lastTime = t;
        long horizon = settings.trainingPeriod().toMillis();
        points.forgetBefore(t - horizon);
        observed.forgetBefore(t - horizon);
        if (baseline.revisit(t, observed)) {
            // The history was relearned under a new cycle: points held under the old one are in it.
            clearIncident();
        }
        int n = points.size();
        Instant from = n == 0 ? null : Instant.ofEpochMilli(points.time(0));
        Instant to = n == 0 ? null : Instant.ofEpochMilli(points.time(n - 1));
        Baseline.Estimate estimate = baseline.estimate(t, n);
        if (n < settings.minTrainingPoints()) {
            clearIncident();
            if (learn) {
                learn(t, value, estimate);
            }
            return detection(time, value, DetectionState.LEARNING, false, 0, estimate.expected(),
                    Double.NaN, Double.NaN, estimate.slot(), n, from, to);
        }
        double sigma = baseline.spread() * estimate.inflation();
        double expected = estimate.expected();
        // The band reaches sensitivity robust deviations, and at least as far as separate past incidents reached.
        double half = Math.max(Math.max(settings.sensitivity() * sigma, baseline.reach() * estimate.inflation()),
                settings.minAbsoluteChange());
        double deviation = value - expected;
        boolean watched = settings.direction().watches(deviation);
        double score = watched ? 1 - Math.pow(2, -Math.abs(deviation) / half) : 0;
        boolean belowFloor = settings.minValue() > 0 && value < settings.minValue() && expected < settings.minValue();
        boolean anomalous = watched && Math.abs(deviation) > half && !belowFloor;
        if (!anomalous) {
            // Keep "score >= 0.5 exactly when anomalous" even for points the floors excuse.
            score = Math.min(score, 0.49);
        }
        boolean alert = false;
        if (anomalous) {
            normalRun = 0;
            if (anomalousRun++ == 0 && !incidentOpen) {
                incidentStart = t;
            }
            if (anomalousRun >= settings.persistence()) {
                incidentOpen = true;
            }
            alert = incidentOpen;
            if (learn) {
                if (learnIncidents) {
                    observed.append(t, value); // else a relearn under a new cycle must not see it either
                }
                held.add(new Held(t, value, deviation));
            }
            if (incidentOpen && settings.acceptAfter() != null
                    && t - incidentStart >= settings.acceptAfter().toMillis()) {
                accept();
                alert = false;
            }
        } else {
            anomalousRun = 0;
            normalRun++;
            if (!incidentOpen || normalRun >= settings.persistence()) {
                resolve();
            }
            if (learn) {
                learn(t, value, estimate);
            }
        }
        return detection(time, value, anomalous ? DetectionState.ANOMALY : DetectionState.NORMAL, alert, score,
                expected, expected - half, expected + half, estimate.slot(), n, from, to);
    }

    private void learn(long t, double value, Baseline.Estimate estimate) {
        observed.append(t, value);
        points.append(t, value);
        baseline.learned(estimate);
    }

    /**
     * The values came back: the incident's points are learned as observed (robust medians shrug them
     * off), but only its most extreme residual counts towards the spread, so one incident is one
     * excursion however long it lasted. An excursion that several separate incidents reached within
     * the training period is then part of the normal range (a nightly batch spike, a bursty disk);
     * one that a single incident reached is not (see {@link Baseline#reach()}).
     */
    private void resolve() {
        if (!held.isEmpty() && learnIncidents) {
            baseline.refit(insertHeld());
            int extreme = -1;
            double most = -1;
            for (Held h : held) {
                int i = points.firstAtOrAfter(h.time());
                double r = Math.abs(points.residual(i));
                if (r > most) {
                    most = r;
                    extreme = i;
                }
            }
            for (Held h : held) {
                int i = points.firstAtOrAfter(h.time());
                if (i != extreme) {
                    points.setResidual(i, Double.NaN);
                }
            }
        }
        clearIncident();
    }

    /**
     * The shift outlasted acceptAfter and becomes the new normal: the history before it is moved by
     * the shift (the median deviation of the held points), so that its cycle and spread still count
     * but its level no longer does, and the held points are learned as observed.
     */
    private void accept() {
        if (!held.isEmpty()) {
            double[] deviations = new double[held.size()];
            for (int i = 0; i < deviations.length; i++) {
                deviations[i] = held.get(i).deviation();
            }
            double shift = RobustStats.median(deviations, deviations.length);
            int before = points.firstAtOrAfter(held.getFirst().time());
            for (int i = 0; i < before; i++) {
                points.setValue(i, points.value(i) + shift);
            }
            insertHeld();
            baseline.refit(0);
        }
        clearIncident();
    }

    /** Inserts the held points into the learned history; returns the index of the first. */
    private int insertHeld() {
        int from = points.size();
        for (Held h : held) {
            from = Math.min(from, points.insertInOrder(h.time(), h.value()));
        }
        return from;
    }

    private void clearIncident() {
        held.clear();
        incidentOpen = false;
        anomalousRun = 0;
        normalRun = 0;
    }

    private static Detection detection(Instant time, double value, DetectionState state, boolean alert,
                                       double score, double expected, double lower, double upper, String slot,
                                       int used, Instant from, Instant to) {
        return new Detection(time, value, state, alert, score, expected, lower, upper, slot, used, from, to);
    }
}
