package dev.trackwatch.detect;

import java.time.Duration;
import java.util.Arrays;

/**
 * Finds a series' sampling step and its cycle, for {@link Seasonality#AUTO}. The series is put on
 * a regular grid of its median step (irregular timestamps fall into the nearest bin, gaps stay
 * empty). A daily cycle is one whose autocorrelation at a lag of one day is clear after the
 * day-long moving average (trend, drift, a random walk) has been taken out; a weekly cycle is one
 * where the same time last week predicts the level-adjusted value clearly better than the same
 * time yesterday does.
 */
public final class Periodicity {

    /** Lag-one-day autocorrelation of the detrended series at or above which the series is daily. */
    public static final double DAILY_ACF = 0.3;
    /** Week-ago over day-ago mean absolute error at or below which a daily series is weekly. */
    public static final double WEEKLY_ERROR_RATIO = 0.8;

    static final long DAY = Duration.ofDays(1).toMillis();
    static final long WEEK = Duration.ofDays(7).toMillis();

    /** What {@link #estimate} found, with the statistics it decided on (NaN when not computable). */
    public record Estimate(Seasonality seasonality, Duration step, double dailyAutocorrelation,
                           double weeklyErrorRatio) {
    }

    private Periodicity() {
    }

    /** The median gap between consecutive timestamps (epoch milliseconds, ascending); null with fewer than two. */
    public static Duration samplingStep(long[] times, int n) {
        if (n < 2) {
            return null;
        }
        double[] gaps = new double[n - 1];
        int m = 0;
        for (int i = 1; i < n; i++) {
            if (times[i] > times[i - 1]) {
                gaps[m++] = times[i] - times[i - 1];
            }
        }
        return m == 0 ? null : Duration.ofMillis(Math.max(1, Math.round(RobustStats.median(gaps, m))));
    }

    /**
     * Decides between no cycle, a daily and a weekly one from the first {@code n} points. A daily
     * cycle needs three days of history and a step of at most six hours; a weekly one needs fifteen
     * days (two values for every time of the week) and a step of at most a day.
     */
    public static Estimate estimate(long[] times, double[] values, int n) {
        Duration step = samplingStep(times, n);
        if (step == null) {
            return new Estimate(Seasonality.NONE, null, Double.NaN, Double.NaN);
        }
        long stepMillis = step.toMillis();
        long span = times[n - 1] - times[0];
        double[] grid = grid(times, values, n, stepMillis);
        int dayBins = (int) Math.round((double) DAY / stepMillis);
        double acf = Double.NaN;
        if (dayBins >= 4 && span >= 3 * DAY) {
            acf = autocorrelation(minus(grid, centredMean(grid, dayBins)), dayBins);
        }
        double ratio = Double.NaN;
        int weekBins = (int) Math.round((double) WEEK / stepMillis);
        if (dayBins >= 1 && span >= 15 * DAY) {
            int levelBins = dayBins >= 4 ? dayBins : weekBins;
            double[] adjusted = minus(grid, trailingMedian(grid, levelBins));
            ratio = meanAbsLagError(adjusted, weekBins, weekBins) / meanAbsLagError(adjusted, dayBins, weekBins);
        }
        boolean daily = acf >= DAILY_ACF;
        boolean weekly = ratio <= WEEKLY_ERROR_RATIO && (daily || dayBins < 4);
        Seasonality found = weekly ? Seasonality.WEEKLY : daily ? Seasonality.DAILY : Seasonality.NONE;
        return new Estimate(found, step, acf, ratio);
    }

    /** Bin means on a regular grid starting at the first timestamp; empty bins are NaN. */
    static double[] grid(long[] times, double[] values, int n, long step) {
        int bins = (int) Math.min(Integer.MAX_VALUE - 8, (times[n - 1] - times[0]) / step + 1);
        double[] sum = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < n; i++) {
            int b = (int) Math.min(bins - 1, Math.round((double) (times[i] - times[0]) / step));
            sum[b] += values[i];
            count[b]++;
        }
        for (int b = 0; b < bins; b++) {
            sum[b] = count[b] == 0 ? Double.NaN : sum[b] / count[b];
        }
        return sum;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    /** Mean over a centred window of {@code width} bins; NaN where fewer than half the window is filled. */
    private static double[] centredMean(double[] g, int width) {
        double[] out = new double[g.length];
        Arrays.fill(out, Double.NaN);
        int half = width / 2;
        for (int i = half; i + width - half <= g.length; i++) {
            double sum = 0;
            int count = 0;
            for (int j = i - half; j < i - half + width; j++) {
                if (!Double.isNaN(g[j])) {
                    sum += g[j];
                    count++;
                }
            }
            if (count * 2 >= width) {
                out[i] = sum / count;
            }
        }
        return out;
    }

    /** Median of the {@code width} bins before each bin; NaN where fewer than half are filled. */
    private static double[] trailingMedian(double[] g, int width) {
        double[] out = new double[g.length];
        Arrays.fill(out, Double.NaN);
        double[] window = new double[width];
        for (int i = width; i < g.length; i++) {
            int count = 0;
            for (int j = i - width; j < i; j++) {
                if (!Double.isNaN(g[j])) {
                    window[count++] = g[j];
                }
            }
            if (count * 2 >= width) {
                out[i] = RobustStats.median(window, count);
            }
        }
        return out;
    }

    /** Autocorrelation at {@code lag} over the pairs where both bins are filled; NaN without variance. */
    static double autocorrelation(double[] y, int lag) {
        double sum = 0;
        int count = 0;
        for (double v : y) {
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        if (count < 2 * lag) {
            return Double.NaN;
        }
        double mean = sum / count;
        double variance = 0;
        for (double v : y) {
            if (!Double.isNaN(v)) {
                variance += (v - mean) * (v - mean);
            }
        }
        double covariance = 0;
        int pairs = 0;
        for (int i = 0; i + lag < y.length; i++) {
            if (!Double.isNaN(y[i]) && !Double.isNaN(y[i + lag])) {
                covariance += (y[i] - mean) * (y[i + lag] - mean);
                pairs++;
            }
        }
        if (variance <= 0 || pairs == 0) {
            return Double.NaN;
        }
        // Scale the pair sum to the full count so that gaps do not shrink the correlation.
        return covariance / pairs * count / variance;
    }

    /** Mean absolute difference between each bin from {@code from} on and the bin {@code lag} before it. */
    private static double meanAbsLagError(double[] y, int lag, int from) {
        double sum = 0;
        int count = 0;
        for (int i = Math.max(lag, from); i < y.length; i++) {
            if (!Double.isNaN(y[i]) && !Double.isNaN(y[i - lag])) {
                sum += Math.abs(y[i] - y[i - lag]);
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
