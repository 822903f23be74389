package dev.trackwatch.detect;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.Arrays;

/**
 * Medians, quantiles and median absolute deviations over plain arrays. Robust on purpose: a few
 * spikes in the history move a median or a MAD by at most a rank or two, where they would drag a
 * mean and inflate a standard deviation.
 */
public final class RobustStats {

    /** MAD times this estimates the standard deviation of normally distributed data. */
    public static final double MAD_TO_SIGMA = 1.4826;

    private RobustStats() {
    }

    /** The median of the first {@code n} values, or NaN when there are none. The array is not changed. */
    public static double median(double[] values, int n) {
        return quantile(values, n, 0.5);
    }

    /**
     * The {@code q}-quantile (0..1) of the first {@code n} values, interpolated between ranks the way
     * commons-math3's {@link Percentile} does by default; NaN when there are none.
     */
    public static double quantile(double[] values, int n, double q) {
        if (n <= 0) {
            return Double.NaN;
        }
        if (n == 1) {
            return values[0];
        }
        return new Percentile().evaluate(values, 0, n, q * 100.0);
    }

    /** The median absolute deviation from the median of the first {@code n} values; NaN when there are none. */
    public static double mad(double[] values, int n) {
        double center = median(values, n);
        double[] deviations = new double[n];
        for (int i = 0; i < n; i++) {
            deviations[i] = Math.abs(values[i] - center);
        }
        return median(deviations, n);
    }

    /** The smallest positive gap between distinct values among the first {@code n}, or NaN when all are equal. */
    static double resolution(double[] values, int n) {
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        double smallest = Double.NaN;
        for (int i = 1; i < n; i++) {
            double gap = sorted[i] - sorted[i - 1];
            if (gap > 0 && !(gap >= smallest)) {
                smallest = gap;
            }
        }
        return smallest;
    }
}
