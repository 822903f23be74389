package dev.trackwatch.notify;

import dev.trackwatch.incidents.Incident;
import dev.trackwatch.state.ClickHouseTime;
import dev.trackwatch.state.SegmentKey;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The chart of an incident's series: the last two days of its judged buckets from
 * {@code trackwatch.check_results} (observed value, expected value and band as judged at the
 * time, anomalous where the verdict failed or warned).
 */
final class IncidentCharts implements Function<Incident, ChartSeries> {

    private static final Duration SPAN = Duration.ofDays(2);

    private final DSLContext dsl;

    IncidentCharts(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public ChartSeries apply(Incident i) {
        if (i.lastBucket() == null || i.metric().equals("monitor_fault")) {
            return null;
        }
        try {
            List<ChartSeries.Point> points = new ArrayList<>();
            for (Record r : dsl.fetch("SELECT toUnixTimestamp64Milli(bucket_start) AS b, argMax(observed, evaluated_at), "
                            + "argMax(expected, evaluated_at), argMax(lower, evaluated_at), argMax(upper, evaluated_at), "
                            + "argMax(outcome, evaluated_at) FROM trackwatch.check_results WHERE dataset = ? AND check_name = ? "
                            + "AND metric = ? AND segment_key = ? AND bucket_start >= ? AND bucket_start IS NOT NULL "
                            + "GROUP BY b ORDER BY b", i.dataset(), i.check(), i.metric(), SegmentKey.of(i.segment()),
                    ClickHouseTime.format(i.lastBucket().minus(SPAN)))) {
                String outcome = r.get(5, String.class);
                points.add(new ChartSeries.Point(Instant.ofEpochMilli(r.get(0, Long.class)), r.get(1, Double.class),
                        r.get(2, Double.class), r.get(3, Double.class), r.get(4, Double.class),
                        outcome.equals("FAILED") || outcome.equals("WARN")));
            }
            return points.isEmpty() ? null : new ChartSeries(i.metric() + " per bucket", points);
        } catch (RuntimeException e) {
            return null; // a message without a chart is better than no message
        }
    }
}
