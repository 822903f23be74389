package dev.trackwatch.evaluate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** Renders a {@link CheckResult} as one line of JSON, the output of {@code run-once}. */
public final class ResultJson {

    private static final JsonFactory JSON = new JsonFactory();

    private ResultJson() {
    }

    /** Returns the result as a single-line JSON object with stable key order. */
    public static String toLine(CheckResult r) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("dataset", r.dataset());
            g.writeStringField("check", r.check());
            g.writeStringField("type", r.type());
            g.writeStringField("outcome", r.outcome().name());
            g.writeStringField("severity", r.severity().name().toLowerCase(java.util.Locale.ROOT));
            g.writeStringField("owner", r.owner());
            g.writeStringField("metric", r.metric());
            g.writeObjectFieldStart("segment");
            for (Map.Entry<String, String> e : new TreeMap<>(r.segment()).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeStringField("bucket_start", r.bucketStart() == null ? null : r.bucketStart().toString());
            number(g, "observed", r.observed());
            g.writeStringField("reason", r.reason());
            g.writeBooleanField("monitor_fault", r.monitorFault());
            if (r.baseline() != null) {
                g.writeFieldName("baseline");
                baseline(g, r.baseline());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Returns the baseline's explanation as a JSON object (stored with results). */
    public static String explanation(Baseline b) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            baseline(g, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void baseline(JsonGenerator g, Baseline b) throws IOException {
        g.writeStartObject();
        g.writeStringField("state", b.state().name());
        number(g, "expected", b.expected());
        number(g, "lower", b.lower());
        number(g, "upper", b.upper());
        number(g, "score", b.score());
        g.writeStringField("slot", b.slot());
        g.writeNumberField("training_points", b.trainingPoints());
        g.writeStringField("training_from", b.trainingFrom() == null ? null : b.trainingFrom().toString());
        g.writeStringField("training_to", b.trainingTo() == null ? null : b.trainingTo().toString());
        if (!b.contributors().isEmpty()) {
            g.writeArrayFieldStart("contributors");
            for (Baseline.Contributor c : b.contributors()) {
                g.writeStartObject();
                g.writeObjectFieldStart("segment");
                for (Map.Entry<String, String> e : new TreeMap<>(c.segment()).entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                number(g, "observed", c.observed());
                number(g, "expected", c.expected());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String field, Double value) throws IOException {
        if (value == null || value.isNaN() || value.isInfinite()) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }
}
