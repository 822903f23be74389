package dev.trackwatch.detect;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Locale;

/**
 * The learned model behind a {@link SeasonalDetector}: a robust level (the median of the last
 * cycle's worth of learned points, so a cycle averages out and a trend is followed), a seasonal
 * offset (the median deviation from that level at the same time of day or week in earlier cycles),
 * a robust spread (MAD and 90th percentile of past residuals, so a few spikes do not widen the
 * band) and a reach (how far separate past incidents went). See docs/detection.md.
 */
final class Baseline {

    /** Level window, in points, when there is no cycle: long enough that a burst does not move the median. */
    static final int FLAT_LEVEL_POINTS = 96;
    /** Offset window, in points, when there is no cycle: how far back the median deviation looks. */
    static final int FLAT_OFFSET_POINTS = 96;
    /** A cycle needs at least this many points per period to be modelled. */
    static final int MIN_POINTS_PER_CYCLE = 4;
    /** How often (in series time) AUTO revisits the cycle and the sampling step. */
    static final long REVISIT_EVERY = Duration.ofHours(6).toMillis();
    /** The spread's upper quantile of absolute residuals, and its value for a standard normal. */
    static final double TAIL_QUANTILE = 0.9;
    static final double TAIL_Z = new NormalDistribution().inverseCumulativeProbability(0.5 + TAIL_QUANTILE / 2);
    /** The band's reach: at least this quantile of absolute residuals, and at least the residual of this rank from the top. */
    static final double REACH_QUANTILE = 0.99;
    static final int REACH_RANK = 2;

    /** The estimate for one point: expected value, its uncertainty factor and the slot compared. */
    record Estimate(double level, double offset, int slotValues, String slot, boolean matched) {
        Estimate(double level, double offset, int slotValues, String slot) {
            this(level, offset, slotValues, slot, true);
        }

        Estimate unmatched() {
            return new Estimate(level, offset, slotValues, slot, false);
        }

        double expected() {
            return level + offset;
        }

        /** How much wider than the residual spread the band is, for an offset taken from few values. */
        double inflation() {
            return slotValues <= 0 ? 1.0 : Math.sqrt(1.0 + (slotValues <= 2 ? 1.0 : Math.PI / 2) / slotValues);
        }
    }

    private final Seasonality requested;
    private final LearnedPoints points;
    private Seasonality cycle = Seasonality.NONE;
    private long step;
    private long nextRevisit = Long.MIN_VALUE;
    private double spread = Double.NaN;
    private double reach;
    private int learnedSinceSpread;

    Baseline(Seasonality requested, LearnedPoints points) {
        this.requested = requested;
        this.points = points;
    }

    /** Returns a copy of this model over {@code copiedPoints} (a copy of its points). */
    Baseline copy(LearnedPoints copiedPoints) {
        Baseline c = new Baseline(requested, copiedPoints);
        c.cycle = cycle;
        c.step = step;
        c.nextRevisit = nextRevisit;
        c.spread = spread;
        c.reach = reach;
        c.learnedSinceSpread = learnedSinceSpread;
        return c;
    }

    /** The cycle in use: NONE, DAILY or WEEKLY. */
    Seasonality cycle() {
        return cycle;
    }

    /**
     * Re-decides the cycle and the step every few hours of series time from the observed points.
     * When either changes, the learned history is replaced by the observed one and refitted: points
     * that were clipped or held as anomalies were judged by a model now known to be wrong (the peak
     * of a daily cycle not yet seen is no anomaly). Returns whether that happened.
     */
    boolean revisit(long now, LearnedPoints observed) {
        if (now < nextRevisit || observed.size() < 2) {
            return false;
        }
        nextRevisit = now + REVISIT_EVERY;
        int n = observed.size();
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = observed.time(i);
            values[i] = observed.value(i);
        }
        Periodicity.Estimate found = requested == Seasonality.AUTO ? Periodicity.estimate(times, values, n) : null;
        Duration stepFound = found != null ? found.step() : Periodicity.samplingStep(times, n);
        long newStep = stepFound == null ? 0 : stepFound.toMillis();
        Seasonality newCycle = usable(found != null ? found.seasonality() : requested, newStep, times[n - 1] - times[0]);
        if (newCycle == cycle && newStep == step) {
            return false;
        }
        cycle = newCycle;
        step = newStep;
        points.clear();
        for (int i = 0; i < n; i++) {
            points.append(times[i], values[i]);
        }
        refit(0);
        return true;
    }

    /** The requested cycle as far as the step and the history allow it (weekly falls back to daily). */
    private static Seasonality usable(Seasonality wanted, long step, long span) {
        if (step <= 0 || wanted == Seasonality.NONE || wanted == Seasonality.AUTO) {
            return Seasonality.NONE;
        }
        if (wanted == Seasonality.WEEKLY && span >= 2 * Periodicity.WEEK - Periodicity.DAY / 2
                && Periodicity.WEEK / step >= MIN_POINTS_PER_CYCLE) {
            return Seasonality.WEEKLY;
        }
        return Periodicity.DAY / step >= MIN_POINTS_PER_CYCLE ? Seasonality.DAILY : Seasonality.NONE;
    }

    private long period() {
        return cycle == Seasonality.WEEKLY ? Periodicity.WEEK : Periodicity.DAY;
    }

    private int levelPoints() {
        return cycle == Seasonality.NONE ? FLAT_LEVEL_POINTS : (int) Math.max(1, Math.round((double) period() / step));
    }

    /** The level before index {@code end}: the median of the last level window of learned values. */
    double levelBefore(int end) {
        int from = Math.max(0, end - levelPoints());
        double[] window = new double[end - from];
        for (int i = from; i < end; i++) {
            window[i - from] = points.value(i);
        }
        return RobustStats.median(window, window.length);
    }

    /** The estimate at {@code time} from the learned points before index {@code end}. */
    Estimate estimate(long time, int end) {
        double level = levelBefore(end);
        if (cycle == Seasonality.NONE) {
            return flatOffset(level, end, "none");
        }
        long period = period();
        // Same phase within half a step: irregular timestamps still find their slot, neighbours do not blur it.
        long half = Math.max(1, step / 2);
        double[] found = new double[64];
        int m = 0;
        long oldest = end == 0 ? time : points.time(0);
        for (long centre = time - period; centre + half > oldest; centre -= period) {
            int i = points.firstAtOrAfter(centre - half);
            for (; i < end && points.time(i) < centre + half; i++) {
                double d = points.deviation(i);
                if (!Double.isNaN(d)) {
                    if (m == found.length) {
                        found = Arrays.copyOf(found, m * 2);
                    }
                    found[m++] = d;
                }
            }
        }
        if (m == 0) {
            // No earlier cycle has this slot: judge against the level, but learn no residual from it.
            return flatOffset(level, end, "none").unmatched();
        }
        return new Estimate(level, RobustStats.median(found, m), m, slotName(time));
    }

    private Estimate flatOffset(double level, int end, String slot) {
        int from = Math.max(0, end - FLAT_OFFSET_POINTS);
        double[] window = new double[end - from];
        int m = 0;
        for (int i = from; i < end; i++) {
            double d = points.deviation(i);
            if (!Double.isNaN(d)) {
                window[m++] = d;
            }
        }
        return new Estimate(level, m == 0 ? 0 : RobustStats.median(window, m), 0, slot);
    }

    private String slotName(long time) {
        ZonedDateTime at = Instant.ofEpochMilli(time).atZone(ZoneOffset.UTC);
        String clock = String.format(Locale.ROOT, "%02d:%02d", at.getHour(), at.getMinute());
        if (cycle == Seasonality.WEEKLY) {
            String day = at.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT);
            return step >= Periodicity.DAY ? day : day + " " + clock;
        }
        return step >= Duration.ofHours(1).toMillis() && at.getMinute() == 0 ? "hour " + at.getHour() : clock;
    }

    /** Records the level and residual of the point just appended at the end, as it was scored. */
    void learned(Estimate scored) {
        int i = points.size() - 1;
        points.setLevel(i, scored.level());
        points.setResidual(i, residualOf(i, scored));
        learnedSinceSpread++;
    }

    private double residualOf(int i, Estimate e) {
        double d = points.deviation(i);
        return Double.isNaN(d) || Double.isNaN(e.offset()) || !e.matched() ? Double.NaN : (d - e.offset()) / e.inflation();
    }

    /** Recomputes levels and residuals from index {@code from} on, after a change of cycle or an acceptance. */
    void refit(int from) {
        for (int i = from; i < points.size(); i++) {
            points.setLevel(i, i == 0 ? Double.NaN : levelBefore(i));
        }
        for (int i = from; i < points.size(); i++) {
            points.setResidual(i, i == 0 ? Double.NaN : residualOf(i, estimate(points.time(i), i)));
        }
        spread = Double.NaN;
    }

    /**
     * The spread of residuals: the larger of the MAD and the 90th percentile of absolute deviations,
     * each scaled to a normal standard deviation (equal for normal noise). Both ignore a few spikes;
     * the percentile keeps a heavy-tailed or two-level series (a CPU idling at one of two values)
     * from getting a band its ordinary values do not fit in.
     */
    static double scale(double[] absDeviations, int m) {
        double mad = RobustStats.median(absDeviations, m);
        return Math.max(RobustStats.MAD_TO_SIGMA * mad, RobustStats.quantile(absDeviations, m, TAIL_QUANTILE) / TAIL_Z);
    }

    /**
     * The least spread a series is given, so that a flat or noiseless one does not alert on rounding:
     * half its value resolution (1 for counts), and a thousandth of its typical range or magnitude.
     */
    static double floor(double[] values, int n) {
        if (n == 0) {
            return 1e-9;
        }
        double resolution = RobustStats.resolution(values, n);
        double range = RobustStats.quantile(values, n, 0.9) - RobustStats.quantile(values, n, 0.1);
        double magnitude = range > 0 ? range : Math.abs(RobustStats.median(values, n));
        return Math.max(Math.max(Double.isNaN(resolution) ? 0 : resolution / 2, 1e-3 * magnitude), 1e-9);
    }

    /** The robust spread of residuals, recomputed when enough has been learned since the last time. */
    double spread() {
        int n = points.size();
        if (Double.isNaN(spread) || learnedSinceSpread >= Math.max(4, n / 32)) {
            double[] residuals = new double[n];
            double[] values = new double[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                values[i] = points.value(i);
                double r = points.residual(i);
                if (!Double.isNaN(r)) {
                    residuals[m++] = r;
                }
            }
            double centre = RobustStats.median(residuals, m);
            double[] abs = new double[m];
            for (int i = 0; i < m; i++) {
                abs[i] = Math.abs(residuals[i] - centre);
            }
            spread = Math.max(m == 0 ? 0 : scale(abs, m), floor(values, n));
            reach = 0;
            if (m > 0) {
                reach = RobustStats.quantile(abs, m, REACH_QUANTILE);
                if (m > REACH_RANK) {
                    Arrays.sort(abs, 0, m);
                    reach = Math.max(reach, abs[m - REACH_RANK]);
                }
            }
            learnedSinceSpread = 0;
        }
        return spread;
    }

    /**
     * The least half-width of the band, in residual units: the 99th percentile of past absolute
     * residuals, and the second-largest. A resolved incident contributes one residual (its most
     * extreme), so a deviation one past incident reached still alerts, while one that two separate
     * incidents, or one percent of the history, reached is part of the normal range.
     */
    double reach() {
        spread();
        return reach;
    }
}
