package dev.trackwatch.notify;

import dev.trackwatch.state.StateDatabase;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.state.ClickHouseTime;
import dev.trackwatch.state.SegmentKey;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The chart of an incident's series over the last two days: observed values from
 * {@code trackwatch.observations}, and for the buckets that were judged, the expected value and
 * band as judged at the time from {@code trackwatch.check_results} (anomalous where the verdict
 * failed or warned).
 */
final class IncidentCharts implements Function<Incident, ChartSeries> {

    private static final Duration SPAN = Duration.ofDays(2);

    private final DSLContext dsl;
    private final String db;

    IncidentCharts(DSLContext dsl) {
        this(dsl, StateDatabase.DEFAULT);
    }

    /** Charts from the state database {@code database}. */
    IncidentCharts(DSLContext dsl, String database) {
        this.dsl = dsl;
        this.db = database;
    }

    @Override
    public ChartSeries apply(Incident i) {
        if (i.lastBucket() == null || i.metric().equals(dev.trackwatch.incidents.IncidentTracker.MONITOR_FAULT)) {
            return null;
        }
        try {
            String segment = SegmentKey.of(i.segment());
            String from = ClickHouseTime.format(i.lastBucket().minus(SPAN));
            Map<Long, Record> judged = new HashMap<>();
            for (Record r : dsl.fetch("SELECT toUnixTimestamp64Milli(bucket_start) AS b, argMax(expected, evaluated_at), "
                            + "argMax(lower, evaluated_at), argMax(upper, evaluated_at), argMax(outcome, evaluated_at), "
                            + "argMax(observed, evaluated_at) "
                            + "FROM " + db + ".check_results WHERE dataset = ? AND check_name = ? AND metric = ? "
                            + "AND segment_key = ? AND bucket_start >= ? AND bucket_start IS NOT NULL GROUP BY b",
                    i.dataset(), i.check(), i.metric(), segment, from)) {
                judged.put(r.get(0, Long.class), r);
            }
            java.util.TreeMap<Long, Double> values = new java.util.TreeMap<>();
            for (Record r : dsl.fetch("SELECT toUnixTimestamp64Milli(bucket_start), value FROM " + db + ".observations FINAL "
                    + "WHERE dataset = ? AND metric = ? AND segment_key = ? AND bucket_start >= ? ORDER BY bucket_start",
                    i.dataset(), i.metric(), segment, from)) {
                values.put(r.get(0, Long.class), r.get(1, Double.class));
            }
            // A judged bucket with no observation is one where no rows came (a count of zero): the drop itself.
            judged.forEach((bucket, j) -> values.putIfAbsent(bucket, j.get(5, Double.class)));
            List<ChartSeries.Point> points = new ArrayList<>();
            values.forEach((bucket, value) -> {
                Record j = judged.get(bucket);
                String outcome = j == null ? "" : j.get(4, String.class);
                points.add(new ChartSeries.Point(Instant.ofEpochMilli(bucket), value,
                        j == null ? null : j.get(1, Double.class), j == null ? null : j.get(2, Double.class),
                        j == null ? null : j.get(3, Double.class), outcome.equals("FAILED") || outcome.equals("WARN")));
            });
            return points.isEmpty() ? null : new ChartSeries(i.metric() + " per bucket", points);
        } catch (RuntimeException e) {
            return null; // a message without a chart is better than no message
        }
    }
}
