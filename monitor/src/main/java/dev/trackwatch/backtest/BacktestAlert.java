package dev.trackwatch.backtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alert that would have opened during a backtest: the first failing verdict of a series
 * (check, dataset, metric, segment) after it was last healthy.
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
 */
public record BacktestAlert(Instant openedAt, String kind, String check, String dataset, String table, String column,
                            String metric, Map<String, String> segment, String severity, String outcome,
                            Double observed, Double expected, Double lower, Double upper, Instant bucketStart,
                            String reason) {

    private static final JsonFactory JSON = new JsonFactory();

    public BacktestAlert {
        segment = Map.copyOf(segment);
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
