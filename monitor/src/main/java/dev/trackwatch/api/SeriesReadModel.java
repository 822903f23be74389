package dev.trackwatch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.notify.NotificationService;
import dev.trackwatch.state.ClickHouseTime;
import dev.trackwatch.state.SegmentKey;
import dev.trackwatch.state.StateDatabase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The series behind the dataset and incident pages and {@code /api/v1/datasets/{name}/series}: per
 * check, metric and segment, the observed value of every bucket in a range ({@code observations})
 * with, for every bucket a check judged, its latest verdict and the expected value and band of the
 * newest judgement that had one ({@code check_results}). A later verdict without a band (a baseline
 * re-learning, a static-only check) does not hide the band an earlier judgement of that bucket had,
 * so the band covers every bucket for which the store has one. A judged bucket with no observation
 * is one where no rows came: its value is the verdict's observed value, as in the Slack chart. A
 * bucket is anomalous when its latest verdict, or the one whose band is shown, FAILED or WARNed.
 */
@Singleton
@Requires(beans = NotificationService.class)
public class SeriesReadModel {

    private static final String SEGMENT = "CAST(JSONExtractKeysAndValues(segment_key, 'String'), 'Map(String, String)')";
    private static final String HAS_BAND = "(isNotNull(expected) OR isNotNull(lower) OR isNotNull(upper))";

    /** One bucket of a series; any value may be null (no observation, no band). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Point(String bucket, @Nullable Double observed, @Nullable Double expected, @Nullable Double lower,
                        @Nullable Double upper, @Nullable String outcome, boolean anomalous) {
    }

    /** One series of one check: {@code check} is null for a metric observed but not judged in the range. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Series(@Nullable String check, @Nullable String type, String metric, Map<String, String> segment,
                         List<Point> points) {
        /** Returns how many buckets were judged anomalous (FAILED or WARN). */
        public long anomalies() {
            return points.stream().filter(Point::anomalous).count();
        }
    }

    /** One scan of the dataset as {@code check_runs} keeps it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Run(String startedAt, long durationMillis, String windowFrom, String windowTo, String outcome,
                      long rowsRead, long bytesRead, long observations, String error) {
    }

    private final DSLContext dsl;
    private final String db;
    private final NotificationService notifications;

    public SeriesReadModel(DSLContext dsl, StateDatabase database, NotificationService notifications) {
        this.dsl = dsl;
        this.db = database.name();
        this.notifications = notifications;
    }

    /**
     * Returns the series of {@code dataset} with buckets in [{@code from}, {@code to}), ordered by check,
     * metric and segment (the total first), optionally only those of {@code check}, {@code metric} and
     * {@code segmentKey} (a segment as JSON, {@code {}} for the total).
     */
    public List<Series> series(String dataset, @Nullable String check, @Nullable String metric, @Nullable String segmentKey,
                               Instant from, Instant to) {
        String fromText = ClickHouseTime.format(from);
        String toText = ClickHouseTime.format(to);
        List<Object> bindings = new ArrayList<>(List.of(dataset, fromText, toText));
        StringBuilder where = new StringBuilder();
        if (metric != null) {
            where.append(" AND metric = ?");
            bindings.add(metric);
        }
        if (segmentKey != null) {
            where.append(" AND segment_key = ?");
            bindings.add(segmentKey);
        }
        List<Object> judgedBindings = new ArrayList<>(bindings);
        String checkFilter = "";
        if (check != null) {
            checkFilter = " AND check_name = ?";
            judgedBindings.add(check);
        }
        Map<String, Series> byKey = new LinkedHashMap<>();
        Map<String, TreeMap<Long, Point>> points = new LinkedHashMap<>();
        Map<String, List<String>> keysOfValues = new LinkedHashMap<>();
        for (Record r : fetch("SELECT check_name, any(check_type), metric, segment_key, any(mapKeys(" + SEGMENT + ")), "
                + "any(mapValues(" + SEGMENT + ")), toUnixTimestamp64Milli(bucket_start) AS b, argMax(outcome, evaluated_at), "
                + "argMax(observed, evaluated_at), argMaxIf(expected, evaluated_at, " + HAS_BAND + "), "
                + "argMaxIf(lower, evaluated_at, " + HAS_BAND + "), argMaxIf(upper, evaluated_at, " + HAS_BAND + "), "
                + "argMaxIf(outcome, evaluated_at, " + HAS_BAND + ") "
                + "FROM ${db}.check_results WHERE dataset = ? AND bucket_start >= ? AND bucket_start < ? "
                + "AND bucket_start IS NOT NULL AND metric != ''" + where + checkFilter
                + " GROUP BY check_name, metric, segment_key, b ORDER BY check_name, metric, segment_key = '{}' DESC, "
                + "segment_key, b", judgedBindings.toArray())) {
            String key = r.get(0, String.class) + "\0" + r.get(2, String.class) + "\0" + r.get(3, String.class);
            byKey.computeIfAbsent(key, k -> new Series(r.get(0, String.class), r.get(1, String.class), r.get(2, String.class),
                    segment(r.get(4, String[].class), r.get(5, String[].class)), List.of()));
            keysOfValues.computeIfAbsent(r.get(2, String.class) + "\0" + r.get(3, String.class), k -> new ArrayList<>()).add(key);
            String outcome = r.get(7, String.class);
            String judgedWithBand = r.get(12, String.class);
            long bucket = r.get(6, Long.class);
            // Anomalous if the latest verdict says so, or the one whose band is shown did.
            points.computeIfAbsent(key, k -> new TreeMap<>()).put(bucket, new Point(iso(bucket), r.get(8, Double.class),
                    r.get(9, Double.class), r.get(10, Double.class), r.get(11, Double.class), outcome,
                    bad(outcome) || bad(judgedWithBand)));
        }
        for (Record r : fetch("SELECT metric, segment_key, mapKeys(segment), mapValues(segment), "
                + "toUnixTimestamp64Milli(bucket_start), value FROM ${db}.observations FINAL WHERE dataset = ? "
                + "AND bucket_start >= ? AND bucket_start < ?" + where + " ORDER BY metric, segment_key, bucket_start",
                bindings.toArray())) {
            String valueKey = r.get(0, String.class) + "\0" + r.get(1, String.class);
            List<String> keys = keysOfValues.get(valueKey);
            if (keys == null) {
                if (check != null) {
                    continue;
                }
                // Observed but not judged in the range: shown as a line without a check.
                String key = "\u0001\0" + valueKey;
                byKey.computeIfAbsent(key, k -> new Series(null, null, r.get(0, String.class),
                        segment(r.get(2, String[].class), r.get(3, String[].class)), List.of()));
                keys = List.of(key);
                keysOfValues.put(valueKey, keys);
            }
            long bucket = r.get(4, Long.class);
            double value = r.get(5, Double.class);
            for (String key : keys) {
                points.computeIfAbsent(key, k -> new TreeMap<>()).merge(bucket,
                        new Point(iso(bucket), value, null, null, null, null, false),
                        (judged, observed) -> new Point(judged.bucket(), value, judged.expected(), judged.lower(),
                                judged.upper(), judged.outcome(), judged.anomalous()));
            }
        }
        List<Series> result = new ArrayList<>();
        byKey.forEach((key, s) -> result.add(new Series(s.check(), s.type(), s.metric(), s.segment(),
                List.copyOf(points.getOrDefault(key, new TreeMap<>()).values()))));
        result.sort(java.util.Comparator.comparing((Series s) -> s.check() == null ? "\uffff" : s.check())
                .thenComparing(Series::metric).thenComparing(s -> s.segment().isEmpty() ? "" : SegmentKey.of(s.segment())));
        return result;
    }

    /** Returns the newest {@code limit} scans of {@code dataset}, newest first. */
    public List<Run> runs(String dataset, int limit) {
        return fetch("SELECT toUnixTimestamp64Milli(started_at), duration_ms, toUnixTimestamp64Milli(window_from), "
                + "toUnixTimestamp64Milli(window_to), outcome, rows_read, bytes_read, observations, error "
                + "FROM ${db}.check_runs WHERE dataset = ? ORDER BY started_at DESC LIMIT ?", dataset, limit).stream()
                .map(r -> new Run(iso(r.get(0, Long.class)), r.get(1, Long.class), iso(r.get(2, Long.class)),
                        iso(r.get(3, Long.class)), r.get(4, String.class), r.get(5, Long.class), r.get(6, Long.class),
                        r.get(7, Long.class), r.get(8, String.class)))
                .toList();
    }

    /** Returns the incidents of {@code dataset} that overlap the range (at most {@value HealthReadModel#MAX_INCIDENTS}), as {@link #start}/{@link #end} draw them. */
    public List<Incident> incidents(String dataset, Instant from, Instant to) {
        return StateReads.orEmpty(() -> notifications.incidents().overlapping(dataset, from, to,
                HealthReadModel.MAX_INCIDENTS), List.<Incident>of());
    }

    /** When an incident's span starts on a chart: its first anomalous bucket, else when it opened. */
    static Instant start(Incident i) {
        return i.firstBucket() != null ? i.firstBucket() : i.openedAt();
    }

    /** When an incident's span ends: now ({@code open}) while active, else its last change. */
    static Instant end(Incident i, Instant open) {
        return i.isActive() ? open : i.updatedAt();
    }

    private static boolean bad(@Nullable String outcome) {
        return "FAILED".equals(outcome) || "WARN".equals(outcome);
    }

    private List<Record> fetch(String statement, Object... bindings) {
        return StateReads.fetch(dsl, db, statement, bindings);
    }

    private static Map<String, String> segment(String[] keys, String[] values) {
        Map<String, String> segment = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            segment.put(keys[i], values[i]);
        }
        return segment;
    }

    private static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
