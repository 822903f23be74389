package dev.trackwatch.detect;

import java.util.Arrays;

/**
 * The points the baseline has learned, oldest first: time, value, the level before each point
 * and the point's deviation from that level. Points are appended in time order, inserted when a
 * level shift is accepted, and forgotten from the front once older than the training period.
 */
final class LearnedPoints {

    private long[] times = new long[64];
    private double[] values = new double[64];
    /** The baseline level just before the point (NaN when nothing was learned before it). */
    private double[] levels = new double[64];
    /** The point's standardised out-of-sample residual (NaN when it had no comparable history). */
    private double[] residuals = new double[64];
    private int head;
    private int end;

    int size() {
        return end - head;
    }

    /** Returns an independent copy. */
    LearnedPoints copy() {
        LearnedPoints c = new LearnedPoints();
        c.times = times.clone();
        c.values = values.clone();
        c.levels = levels.clone();
        c.residuals = residuals.clone();
        c.head = head;
        c.end = end;
        return c;
    }

    long time(int i) {
        return times[head + i];
    }

    double value(int i) {
        return values[head + i];
    }

    double level(int i) {
        return levels[head + i];
    }

    /** The point's deviation from the level before it, the quantity seasonal slots compare. */
    double deviation(int i) {
        return values[head + i] - levels[head + i];
    }

    double residual(int i) {
        return residuals[head + i];
    }

    void setValue(int i, double value) {
        values[head + i] = value;
    }

    void setLevel(int i, double level) {
        levels[head + i] = level;
    }

    void setResidual(int i, double residual) {
        residuals[head + i] = residual;
    }

    /** Appends a point no older than the newest one. */
    void append(long time, double value) {
        insert(size(), time, value);
    }

    /** Inserts a point at index {@code i} (its place in time order) with no level or residual yet. */
    void insert(int i, long time, double value) {
        if (end == times.length) {
            compactOrGrow();
        }
        int at = head + i;
        System.arraycopy(times, at, times, at + 1, end - at);
        System.arraycopy(values, at, values, at + 1, end - at);
        System.arraycopy(levels, at, levels, at + 1, end - at);
        System.arraycopy(residuals, at, residuals, at + 1, end - at);
        times[at] = time;
        values[at] = value;
        levels[at] = Double.NaN;
        residuals[at] = Double.NaN;
        end++;
    }

    /** Inserts a point after every point at or before its time; returns its index. */
    int insertInOrder(long time, double value) {
        int at = firstAtOrAfter(time + 1);
        insert(at, time, value);
        return at;
    }

    /** Forgets every point. */
    void clear() {
        head = 0;
        end = 0;
    }

    /** Forgets every point older than {@code cutoff}; returns how many were forgotten. */
    int forgetBefore(long cutoff) {
        int before = head;
        while (head < end && times[head] < cutoff) {
            head++;
        }
        return head - before;
    }

    /** The index of the first point at or after {@code time} (size() when there is none). */
    int firstAtOrAfter(long time) {
        int lo = 0;
        int hi = size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time(mid) < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void compactOrGrow() {
        int n = size();
        int capacity = n * 2 > times.length ? times.length * 2 : times.length;
        times = Arrays.copyOfRange(times, head, head + capacity);
        values = Arrays.copyOfRange(values, head, head + capacity);
        levels = Arrays.copyOfRange(levels, head, head + capacity);
        residuals = Arrays.copyOfRange(residuals, head, head + capacity);
        head = 0;
        end = n;
    }
}
