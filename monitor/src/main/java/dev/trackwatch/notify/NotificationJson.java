package dev.trackwatch.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a notification as one line of JSON: the outbox format and the log's payload. Written by
 * micronaut-serde from {@link Line}, whose components are the line's fields in order; every field
 * is always present (null when unknown), and a value that is not a finite number is null.
 */
public final class NotificationJson {

    private static final ObjectMapper JSON = ObjectMapper.getDefault();

    /** One outbox line, field by field, in the order written. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Line(String id, String type, String group, int seq, String receiver, String channel,
                @JsonProperty("thread_ts") String threadTs, @JsonProperty("created_at") String createdAt,
                String title, String status, String severity, String dataset, String event,
                Map<String, String> segment, Double observed, Double expected, Double lower, Double upper,
                String since, String owner, String runbook, int alerts,
                @JsonProperty("chart_points") int chartPoints, String chart) {
    }

    private NotificationJson() {
    }

    /** Returns {@code n} as a single-line JSON object. */
    public static String toJson(Notification n) {
        return toJson(n, null);
    }

    /** Returns {@code n} as a single-line JSON object, naming its rendered chart file when there is one. */
    public static String toJson(Notification n, String chartFile) {
        AlertMessage m = n.message();
        Line line = new Line(n.id(), lower(n.type()), n.groupKey(), n.seq(), n.receiver(), n.channel(), n.threadTs(),
                n.createdAt().toString(), m.title(), lower(m.status()), lower(m.severity()), m.dataset(), m.event(),
                m.segment(), finite(m.observed()), finite(m.expected()), finite(m.lower()), finite(m.upper()),
                m.since().toString(), m.ownerMention(), m.runbookUrl(), m.alertCount(),
                m.chart() == null ? 0 : m.chart().points().size(), chartFile);
        try {
            return JSON.writeValueAsString(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static Double finite(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }
}
