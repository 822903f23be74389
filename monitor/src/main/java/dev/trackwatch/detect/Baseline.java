package dev.trackwatch.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The learned model behind a {@link SeasonalDetector}: a robust level (the median of the last
 * cycle's worth of learned points, so a cycle averages out and a trend is followed), a seasonal
 * offset (the median deviation from that level at the same time of day or week in earlier cycles)
 * and a robust spread (the MAD of past residuals, so a few spikes do not widen the band).
 */
final class Baseline {

    /** Level window, in points, when there is no cycle. */
    static final int FLAT_LEVEL_POINTS = 24;
    /** Offset window, in points, when there is no cycle: how far back the median deviation looks. */
    static final int FLAT_OFFSET_POINTS = 96;
    /** A cycle needs at least this many points per period to be modelled. */
    static final int MIN_POINTS_PER_CYCLE = 4;
    /** How often (in series time) AUTO revisits the cycle and the sampling step. */
    static final long REVISIT_EVERY = Duration.ofHours(6).toMillis();
    /** Half-width of a seasonal slot at least this, so sub-hourly series compare a few neighbours. */
    static final long MIN_SLOT_HALF_WIDTH = Duration.ofMinutes(15).toMillis();

    /** The estimate for one point: expected value, its uncertainty factor and the slot compared. */
    record Estimate(double level, double offset, int slotValues, String slot) {
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
    private int spreadAt = -1;
    private int learnedSinceSpread;

    Baseline(Seasonality requested, LearnedPoints points) {
        this.requested = requested;
        this.points = points;
    }

    /** The cycle in use: NONE, DAILY or WEEKLY. */
    Seasonality cycle() {
        return cycle;
    }

    /** Re-decides the cycle and the step every few hours of series time; refits when either changed. */
    void revisit(long now) {
        if (now < nextRevisit || points.size() < 2) {
            return;
        }
        nextRevisit = now + REVISIT_EVERY;
        int n = points.size();
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = points.time(i);
            values[i] = points.value(i);
        }
        Periodicity.Estimate found = requested == Seasonality.AUTO ? Periodicity.estimate(times, values, n) : null;
        Duration stepFound = found != null ? found.step() : Periodicity.samplingStep(times, n);
        long newStep = stepFound == null ? 0 : stepFound.toMillis();
        Seasonality newCycle = usable(found != null ? found.seasonality() : requested, newStep, times[n - 1] - times[0]);
        if (newCycle != cycle || newStep != step) {
            cycle = newCycle;
            step = newStep;
            refit(0);
        }
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
        long half = Math.max(step / 2, MIN_SLOT_HALF_WIDTH);
        double[] found = new double[64];
        int m = 0;
        long oldest = end == 0 ? time : points.time(0);
        for (long centre = time - period; centre + half > oldest; centre -= period) {
            int i = points.firstAtOrAfter(centre - half);
            for (; i < end && points.time(i) < centre + half; i++) {
                double d = points.deviation(i);
                if (!Double.isNaN(d)) {
                    if (m == found.length) {
                        found = java.util.Arrays.copyOf(found, m * 2);
                    }
                    found[m++] = d;
                }
            }
        }
        if (m == 0) {
            return flatOffset(level, end, "none");
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
        return Double.isNaN(d) || Double.isNaN(e.offset()) ? Double.NaN : (d - e.offset()) / e.inflation();
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

    /** The robust spread of residuals, recomputed when enough has been learned since the last time. */
    double spread() {
        int n = points.size();
        if (Double.isNaN(spread) || learnedSinceSpread >= Math.max(4, n / 32) || spreadAt < 0) {
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
            double sigma = m == 0 ? 0 : RobustStats.MAD_TO_SIGMA * RobustStats.mad(residuals, m);
            double resolution = RobustStats.resolution(values, n);
            double floor = Double.isNaN(resolution) ? 0 : resolution / 2;
            spread = Math.max(Math.max(sigma, floor), 1e-9);
            spreadAt = n;
            learnedSinceSpread = 0;
        }
        return spread;
    }
}
