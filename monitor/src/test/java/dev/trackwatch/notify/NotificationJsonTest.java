package dev.trackwatch.notify;

import dev.trackwatch.config.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox line, byte for byte: {@code outbox.jsonl} and the notification log's payloads were
 * written field by field before micronaut-serde wrote them, and readers (the crash recovery's
 * lookup, the demo's tests) depend on the exact text: field order, nulls, escapes, number forms.
 */
class NotificationJsonTest {

    private static final Instant SINCE = Instant.parse("2026-03-10T14:00:00Z");

    @Test
    void aFiringLineKeepsItsFieldOrderEscapesAndNumberForms() {
        Map<String, String> segment = new LinkedHashMap<>();
        segment.put("platform", "ios");
        segment.put("country", "D\"E\n\u00e9");
        AlertMessage m = AlertMessage.builder().title("Checkout \"volume\" dropped 38% on iOS </script> \u2028")
                .dataset("events").event("checkout_completed").segment(segment).observed(1234.0).expected(2000.5)
                .lower(1e-7).upper(1.0E12).since(SINCE).severity(Severity.CRITICAL).ownerMention("<!subteam^S0GROWTH>")
                .runbookUrl("https://x/y?a=b&c=d").status(AlertMessage.Status.FIRING)
                .groupKey("events/checkout_volume/platform").alertCount(30).build();
        Notification n = new Notification("ntf-1", "g|a=b,", 1, Notification.Type.FIRING, "growth", "#c", "fp", null, m,
                Instant.parse("2026-03-10T14:00:30Z"));

        assertThat(NotificationJson.toJson(n)).isEqualTo(
                "{\"id\":\"ntf-1\",\"type\":\"firing\",\"group\":\"g|a=b,\",\"seq\":1,\"receiver\":\"grow"
                + "th\",\"channel\":\"#c\",\"thread_ts\":null,\"created_at\":\"2026-03-10T14:00:30Z\",\"tit"
                + "le\":\"Checkout \\\"volume\\\" dropped 38% on iOS </script> \u2028\",\"status\":\"firing"
                + "\",\"severity\":\"critical\",\"dataset\":\"events\",\"event\":\"checkout_completed\",\"s"
                + "egment\":{\"platform\":\"ios\",\"country\":\"D\\\"E\\n\u00e9\"},\"observed\":1234.0,\"ex"
                + "pected\":2000.5,\"lower\":1.0E-7,\"upper\":1.0E12,\"since\":\"2026-03-10T14:00:00Z\",\"o"
                + "wner\":\"<!subteam^S0GROWTH>\",\"runbook\":\"https://x/y?a=b&c=d\",\"alerts\":30,\"chart"
                + "_points\":0,\"chart\":null}");
        assertThat(NotificationJson.toJson(n, "charts/ntf-1.png")).isEqualTo(
                "{\"id\":\"ntf-1\",\"type\":\"firing\",\"group\":\"g|a=b,\",\"seq\":1,\"receiver\":\"grow"
                + "th\",\"channel\":\"#c\",\"thread_ts\":null,\"created_at\":\"2026-03-10T14:00:30Z\",\"tit"
                + "le\":\"Checkout \\\"volume\\\" dropped 38% on iOS </script> \u2028\",\"status\":\"firing"
                + "\",\"severity\":\"critical\",\"dataset\":\"events\",\"event\":\"checkout_completed\",\"s"
                + "egment\":{\"platform\":\"ios\",\"country\":\"D\\\"E\\n\u00e9\"},\"observed\":1234.0,\"ex"
                + "pected\":2000.5,\"lower\":1.0E-7,\"upper\":1.0E12,\"since\":\"2026-03-10T14:00:00Z\",\"o"
                + "wner\":\"<!subteam^S0GROWTH>\",\"runbook\":\"https://x/y?a=b&c=d\",\"alerts\":30,\"chart"
                + "_points\":0,\"chart\":\"charts/ntf-1.png\"}");
    }

    @Test
    void unknownAndNonFiniteValuesAreNull() {
        AlertMessage m = AlertMessage.builder().title("t").dataset("d").segment(Map.of()).observed(Double.NaN)
                .lower(Double.POSITIVE_INFINITY).upper(-0.0).since(Instant.parse("2026-03-10T14:00:00.123Z"))
                .severity(Severity.INFO).status(AlertMessage.Status.RESOLVED).groupKey("g").build();
        Notification n = new Notification("ntf-2", "g", 3, Notification.Type.RESOLVED, "r", null, "fp", "123.456", m,
                Instant.parse("2026-03-10T14:00:30.5Z"));

        assertThat(NotificationJson.toJson(n)).isEqualTo(
                "{\"id\":\"ntf-2\",\"type\":\"resolved\",\"group\":\"g\",\"seq\":3,\"receiver\":\"r\",\"c"
                + "hannel\":null,\"thread_ts\":\"123.456\",\"created_at\":\"2026-03-10T14:00:30.500Z\",\"ti"
                + "tle\":\"t\",\"status\":\"resolved\",\"severity\":\"info\",\"dataset\":\"d\",\"event\":nu"
                + "ll,\"segment\":{},\"observed\":null,\"expected\":null,\"lower\":null,\"upper\":-0.0,\"si"
                + "nce\":\"2026-03-10T14:00:00.123Z\",\"owner\":null,\"runbook\":null,\"alerts\":1,\"chart_"
                + "points\":0,\"chart\":null}");
    }
}
