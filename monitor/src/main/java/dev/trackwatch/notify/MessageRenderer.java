package dev.trackwatch.notify;

import dev.trackwatch.checks.AlertFacts;
import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.incidents.ConfigReloadFaults;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentTracker;
import dev.trackwatch.plan.SeriesKey;
import dev.trackwatch.route.RouteDecision;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Says what an alert group is about: the worst and oldest incident stands for the group (title,
 * values, band, chart), the rest are counted. The runbook is the check's own {@code runbook:} or
 * the one for the alert kind under runbooks/, linked under {@code trackwatch.public-url}.
 */
public final class MessageRenderer {

    private final Supplier<TrackwatchSpec> spec;
    private final String publicUrl;
    private final Function<Incident, ChartSeries> charts;

    /**
     * @param charts the chart of an incident's series, or null when it has none
     */
    public MessageRenderer(Supplier<TrackwatchSpec> spec, String publicUrl, Function<Incident, ChartSeries> charts) {
        this.spec = spec;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.charts = charts;
    }

    /** Renders the message for {@code incidents} of a group. */
    AlertMessage render(String groupKey, RouteDecision route, List<Incident> incidents, Notification.Type type,
                        Instant since) {
        Incident lead = incidents.stream()
                .min(Comparator.comparing(Incident::severity).reversed()
                        .thenComparing(Incident::openedAt))
                .orElseThrow();
        AlertMessage.Status status = type == Notification.Type.RESOLVED ? AlertMessage.Status.RESOLVED
                : AlertMessage.Status.FIRING;
        String mention = route.receiver().mention() != null && !route.receiver().mention().isBlank()
                ? route.receiver().mention() : "@" + route.receiver().name();
        ChartSeries chart = type == Notification.Type.FIRING && charts != null ? charts.apply(lead) : null;
        return AlertMessage.builder().title(title(lead)).dataset(lead.dataset())
                .event(lead.segment().get("event_name")).segment(lead.segment()).observed(lead.observed())
                .expected(lead.expected()).lower(lead.lower()).upper(lead.upper())
                .since(lead.firstBucket() != null ? lead.firstBucket() : lead.openedAt()).severity(lead.severity())
                .ownerMention(mention).runbookUrl(runbookUrl(lead)).status(status).groupKey(groupKey)
                .alertCount(incidents.size()).chart(chart).build();
    }

    /** One line: what broke, where. */
    static String title(Incident i) {
        String where = i.dataset() + (i.segment().isEmpty() ? "" : " " + i.segment());
        if (ConfigReloadFaults.isConfigFault(i)) {
            return "Trackwatch is running its last good config: " + i.reason();
        }
        if (i.kind().equals(IncidentTracker.MONITOR_FAULT)) {
            return "Trackwatch cannot check " + i.dataset() + ": " + i.reason();
        }
        // Each check type words its own alerts (dev.trackwatch.checks).
        return CheckTypes.title(i.kind(), facts(i)) + " on " + where;
    }

    /** The runbook for the incident's kind and direction, or the check's own. */
    String runbookUrl(Incident i) {
        String file = runbook(spec.get(), i);
        return file.startsWith("http://") || file.startsWith("https://") ? file : publicUrl + "/runbooks/" + file;
    }

    /**
     * Returns the runbook of an incident: its check's own {@code runbook:} (a file under runbooks/ or
     * a URL) or the default for its kind and direction; the pages link to the same one as the messages.
     */
    public static String runbook(TrackwatchSpec spec, Incident i) {
        Optional<String> own = spec == null ? Optional.empty() : spec.dataset(i.dataset()).flatMap(d -> d.checks().stream()
                .filter(c -> c.common().name().equals(i.check())).findFirst()).map(CheckSpec::common)
                .map(c -> c.runbook());
        return own.filter(r -> r != null && !r.isBlank()).orElse(defaultRunbook(i));
    }

    static String defaultRunbook(Incident i) {
        return CheckTypes.runbook(i.kind(), facts(i));
    }

    private static AlertFacts facts(Incident i) {
        return new AlertFacts(i.check(), SeriesKey.parse(i.metric()), below(i));
    }

    private static boolean below(Incident i) {
        if (i.observed() == null) {
            return true;
        }
        if (i.expected() != null) {
            return i.observed() < i.expected();
        }
        return i.lower() != null && i.observed() < i.lower();
    }
}
