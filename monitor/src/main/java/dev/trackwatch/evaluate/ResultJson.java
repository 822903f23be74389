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
            if (r.observed() == null || r.observed().isNaN() || r.observed().isInfinite()) {
                g.writeNullField("observed");
            } else {
                g.writeNumberField("observed", r.observed());
            }
            g.writeStringField("reason", r.reason());
            g.writeBooleanField("monitor_fault", r.monitorFault());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
