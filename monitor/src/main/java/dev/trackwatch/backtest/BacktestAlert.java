package dev.trackwatch.backtest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.evaluate.CheckResult;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alert that would have opened during a backtest: an incident the daemon's incident tracker
 * opened for a series (check, dataset, metric, segment), described by the failing verdict that
 * opened it.
 *
 * @param openedAt the tick at which it opened
 * @param kind volume, freshness, null_rate, cardinality, schema_drift, latency or custom
 * @param check the check
 * @param dataset the dataset
 * @param table the dataset's table, {@code database.table}
 * @param column the column or property the metric is about, or null
 * @param metric the metric series
 * @param segment the segment, empty for the total
 * @param severity the check's severity
 * @param outcome FAILED or WARN
 * @param observed the observed value, or null
 * @param expected the baseline's expected value, or null for a static rule
 * @param lower the lower edge of the band (or the static minimum), or null
 * @param upper the upper edge of the band (or the static maximum), or null
 * @param bucketStart the bucket judged, or null
 * @param reason the verdict in words
 * @param inhibitedBy why the daemon would not have told it (the inhibit rule and the firing alert
 *                    that inhibits it), or null when it would have been told
 */
public record BacktestAlert(Instant openedAt, String kind, String check, String dataset, String table, String column,
                            String metric, Map<String, String> segment, String severity, String outcome,
                            Double observed, Double expected, Double lower, Double upper, Instant bucketStart,
                            String reason, String inhibitedBy) {

    private static final ObjectMapper JSON = ObjectMapper.getDefault();

    public BacktestAlert {
        segment = Map.copyOf(segment);
    }

    /** Returns the alert of the verdict {@code r} of {@code dataset} that opened an incident at {@code tick}, told. */
    static BacktestAlert of(Instant tick, DatasetSpec dataset, CheckResult r) {
        Double expected = null;
        Double lower = null;
        Double upper = null;
        if (r.baseline() != null) {
            expected = r.baseline().expected();
            lower = r.baseline().lower();
            upper = r.baseline().upper();
        } else {
            Bounds bounds = staticBounds(dataset, r);
            if (bounds != null) {
                lower = bounds.failMin() != null ? bounds.failMin() : bounds.warnMin();
                upper = bounds.failMax() != null ? bounds.failMax() : bounds.warnMax();
            }
        }
        return new BacktestAlert(tick, r.kind(), r.check(), r.dataset(), dataset.database() + "." + dataset.table(),
                r.series() == null ? null : r.series().column(), r.metric(), r.segment(), r.severity().name().toLowerCase(Locale.ROOT),
                r.outcome().name(), r.observed(), expected, lower, upper, r.bucketStart(), r.reason(), null);
    }

    /** Returns this alert, not told because of {@code why} (null: told). */
    public BacktestAlert withInhibitedBy(String why) {
        return new BacktestAlert(openedAt, kind, check, dataset, table, column, metric, segment, severity, outcome,
                observed, expected, lower, upper, bucketStart, reason, why);
    }

    /** Returns whether the daemon would have told this alert (no inhibit rule held it back). */
    public boolean told() {
        return inhibitedBy == null;
    }

    private static Bounds staticBounds(DatasetSpec dataset, CheckResult r) {
        return r.metric() == null ? null : dataset.checks().stream()
                .filter(check -> check.common().name().equals(r.check())).findFirst()
                .map(check -> CheckTypes.rules(check).bounds(r.series())).orElse(null);
    }

    /** Returns the alert as one line of JSON with the keys in a stable order (segment keys sorted). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(new Line(openedAt.toString(), kind, check, dataset, table, column, metric,
                    new TreeMap<>(segment), severity, outcome, finite(observed), finite(expected), finite(lower),
                    finite(upper), bucketStart == null ? null : bucketStart.toString(), reason, inhibitedBy));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }

    /** One line of {@code backtest --out}: every key present, null when unknown. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"opened_at", "kind", "check", "dataset", "table", "column", "metric", "segment", "severity",
            "outcome", "observed", "expected", "lower", "upper", "bucket_start", "reason", "inhibited_by"})
    record Line(@JsonProperty("opened_at") String openedAt, String kind, String check, String dataset, String table,
                String column, String metric, Map<String, String> segment, String severity, String outcome,
                Double observed, Double expected, Double lower, Double upper,
                @JsonProperty("bucket_start") String bucketStart, String reason,
                @JsonProperty("inhibited_by") String inhibitedBy) {
    }
}
