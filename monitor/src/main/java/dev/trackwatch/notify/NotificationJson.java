package dev.trackwatch.notify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** Renders a notification as one line of JSON: the outbox format and the log's payload. */
public final class NotificationJson {

    private static final JsonFactory JSON = new JsonFactory();

    private NotificationJson() {
    }

    /** Returns {@code n} as a single-line JSON object. */
    public static String toJson(Notification n) {
        return toJson(n, null);
    }

    /** Returns {@code n} as a single-line JSON object, naming its rendered chart file when there is one. */
    public static String toJson(Notification n, String chartFile) {
        StringWriter out = new StringWriter();
        AlertMessage m = n.message();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", n.id());
            g.writeStringField("type", n.type().name().toLowerCase(java.util.Locale.ROOT));
            g.writeStringField("group", n.groupKey());
            g.writeNumberField("seq", n.seq());
            g.writeStringField("receiver", n.receiver());
            g.writeStringField("channel", n.channel());
            g.writeStringField("thread_ts", n.threadTs());
            g.writeStringField("created_at", n.createdAt().toString());
            g.writeStringField("title", m.title());
            g.writeStringField("status", m.status().name().toLowerCase(java.util.Locale.ROOT));
            g.writeStringField("severity", m.severity().name().toLowerCase(java.util.Locale.ROOT));
            g.writeStringField("dataset", m.dataset());
            g.writeStringField("event", m.event());
            g.writeObjectFieldStart("segment");
            for (Map.Entry<String, String> e : m.segment().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            number(g, "observed", m.observed());
            number(g, "expected", m.expected());
            number(g, "lower", m.lower());
            number(g, "upper", m.upper());
            g.writeStringField("since", m.since().toString());
            g.writeStringField("owner", m.ownerMention());
            g.writeStringField("runbook", m.runbookUrl());
            g.writeNumberField("alerts", m.alertCount());
            g.writeNumberField("chart_points", m.chart() == null ? 0 : m.chart().points().size());
            g.writeStringField("chart", chartFile);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void number(JsonGenerator g, String field, Double v) throws IOException {
        if (v == null || !Double.isFinite(v)) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, v);
        }
    }
}
