package dev.trackwatch.notify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The metric around an incident, bucket by bucket, as {@link ChartRenderer} draws it: the observed
 * line, the baseline band and which buckets were judged anomalous.
 *
 * @param metric what the values measure, e.g. "events per hour"; the chart's title
 * @param points the buckets in ascending time order, at least one
 */
public record ChartSeries(String metric, List<Point> points) {

    /**
     * One bucket of the series. Any value may be null: a bucket with no observation leaves a gap in
     * the line, one without a baseline leaves a gap in the band.
     *
     * @param bucket the start of the bucket
     * @param value the observed value
     * @param expected the baseline's expected value
     * @param lower the lower bound of the accepted band
     * @param upper the upper bound of the accepted band
     * @param anomalous whether the bucket was judged outside the band
     */
    public record Point(Instant bucket, Double value, Double expected, Double lower, Double upper,
                        boolean anomalous) {
        public Point {
            Objects.requireNonNull(bucket, "bucket");
        }
    }

    public ChartSeries {
        Objects.requireNonNull(metric, "metric");
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one bucket");
        }
        for (int i = 1; i < points.size(); i++) {
            if (!points.get(i).bucket().isAfter(points.get(i - 1).bucket())) {
                throw new IllegalArgumentException("buckets must be in strictly ascending order, "
                        + points.get(i).bucket() + " follows " + points.get(i - 1).bucket());
            }
        }
    }

    /** Returns whether any bucket was judged anomalous. */
    public boolean hasAnomaly() {
        return points.stream().anyMatch(Point::anomalous);
    }
}
