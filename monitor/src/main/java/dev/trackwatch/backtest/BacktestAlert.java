package dev.trackwatch.backtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.evaluate.CheckEvaluator;
import dev.trackwatch.evaluate.CheckResult;

import java.io.IOException;
import java.io.StringWriter;
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

    private static final JsonFactory JSON = new JsonFactory();

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
                column(r.metric()), r.metric(), r.segment(), r.severity().name().toLowerCase(Locale.ROOT),
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
                .map(check -> CheckEvaluator.boundsFor(check, r.metric())).orElse(null);
    }

    /** The column a metric is about: {@code null_rate:user_id} → user_id; null for table-wide metrics. */
    static String column(String metric) {
        if (metric == null) {
            return null;
        }
        if (metric.startsWith("null_rate:") || metric.startsWith("distinct:")) {
            return metric.substring(metric.indexOf(':') + 1);
        }
        if (metric.startsWith("ddl:")) {
            return metric.substring(4);
        }
        if (metric.startsWith("plan_violation:")) {
            String[] parts = metric.split(":");
            return parts.length > 2 ? parts[2] : null;
        }
        return null;
    }

    /** Returns the alert as one line of JSON with the keys in a stable order. */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("opened_at", openedAt.toString());
            g.writeStringField("kind", kind);
            g.writeStringField("check", check);
            g.writeStringField("dataset", dataset);
            g.writeStringField("table", table);
            g.writeStringField("column", column);
            g.writeStringField("metric", metric);
            g.writeObjectFieldStart("segment");
            for (Map.Entry<String, String> e : new TreeMap<>(segment).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeStringField("severity", severity);
            g.writeStringField("outcome", outcome);
            number(g, "observed", observed);
            number(g, "expected", expected);
            number(g, "lower", lower);
            number(g, "upper", upper);
            g.writeStringField("bucket_start", bucketStart == null ? null : bucketStart.toString());
            g.writeStringField("reason", reason);
            g.writeStringField("inhibited_by", inhibitedBy);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void number(JsonGenerator g, String field, Double value) throws IOException {
        if (value == null || !Double.isFinite(value)) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }
}
