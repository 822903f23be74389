package dev.trackwatch.plan;

import java.util.List;
import java.util.Objects;

/**
 * What one check needs from the scan of its dataset: a metric, broken down by some segment
 * dimensions. The total (no segment) is always computed as well, so an empty list means "total
 * only". Each dimension is its own breakdown: {@code segments: [platform, country]} yields the
 * metric per platform and, separately, per country, not per (platform, country) pair. That keeps
 * the number of series linear in the number of dimensions and each series easy to explain.
 *
 * @param check the name of the requesting check, used in error messages and skip reasons
 * @param metric the metric
 * @param segments segment dimensions (column names) to break the metric down by, each on its own
 */
public record MetricRequest(String check, Metric metric, List<String> segments) {

    public MetricRequest {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(metric, "metric");
        segments = List.copyOf(segments);
    }

    /** A request for the total only. */
    public static MetricRequest total(String check, Metric metric) {
        return new MetricRequest(check, metric, List.of());
    }
}
