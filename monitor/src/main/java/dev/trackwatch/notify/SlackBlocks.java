package dev.trackwatch.notify;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.trackwatch.config.Severity;
import dev.trackwatch.notify.AlertMessage.Status;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

/**
 * Builds what Slack shows for an {@link AlertMessage}: Block Kit blocks (the SDK's model classes)
 * for the channel message, its thread replies, and the plain-text fallback that Slack uses for
 * notifications and for clients that cannot show blocks.
 *
 * <p>The channel message is a header with the title, a section of fields (status and severity,
 * owner, dataset, event, segment and how many more alerts the group holds, since, observed and
 * expected with its band), a section with the runbook link, and a context line with the incident
 * key. The chart is not a block of that message: it is uploaded into the message's thread (see
 * {@link SlackNotifier}). The runbook is a mrkdwn link rather than a button because a button makes
 * Slack send an interaction payload to the app, which Trackwatch does not serve.
 *
 * <p>Text from configuration and data (titles, names, segment values) is escaped for mrkdwn, so a
 * {@code <} in a segment value cannot turn into a mention or a link; the owner is left as-is only
 * when it is a well-formed Slack mention.
 */
public final class SlackBlocks {

    /** Slack's limit for a header block's text. */
    static final int HEADER_MAX = 150;
    /** Slack's limit for one field of a section. */
    static final int FIELD_MAX = 2000;
    /** A fallback text longer than this is truncated by Slack anyway; keep notifications short. */
    static final int TEXT_MAX = 3000;

    private static final Pattern MENTION = Pattern.compile(
            "<(?:!subteam\\^[A-Z0-9]+(?:\\|[^<>]*)?|@[UW][A-Z0-9]+|!here|!channel|!everyone|#C[A-Z0-9]+(?:\\|[^<>]*)?)>");
    private static final DateTimeFormatter UTC_MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SlackBlocks() {
    }

    /** Returns the blocks of the channel message (FIRING, or the RESOLVED edit of it). */
    public static List<LayoutBlock> parent(AlertMessage m) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.blockId("tw-title").text(plainText(truncate(headerText(m), HEADER_MAX), true))));
        blocks.add(section(s -> s.blockId("tw-facts").fields(facts(m))));
        blocks.add(section(s -> s.blockId("tw-runbook").text(markdownText(runbookLine(m)))));
        String where = m.status() == Status.FIRING ? "chart and updates in the thread" : "resolved; history in the thread";
        blocks.add(context(c -> c.blockId("tw-incident").elements(List.of(
                markdownText("Incident `" + escape(m.groupKey()) + "` · " + where)))));
        return blocks;
    }

    /** Returns the blocks of a thread reply that updates a firing group (more alerts, new values). */
    public static List<LayoutBlock> followUp(AlertMessage m) {
        String text = "*Update:* " + escape(m.title()) + "\n" + valuesLine(m) + "\n" + segmentLine(m);
        return List.of(section(s -> s.blockId("tw-update").text(markdownText(truncate(text, FIELD_MAX)))));
    }

    /** Returns the blocks of the thread reply that announces the end of a group. */
    public static List<LayoutBlock> resolvedReply(AlertMessage m) {
        String text = ":white_check_mark: *Resolved:* " + escape(m.title()) + "\nLast seen " + valuesLine(m);
        return List.of(section(s -> s.blockId("tw-resolved").text(markdownText(truncate(text, FIELD_MAX)))));
    }

    /**
     * Returns the plain-text fallback: Slack shows it in notifications and where blocks cannot be
     * shown, so it carries the essentials on one line, including the owner mention.
     */
    public static String fallbackText(AlertMessage m) {
        StringBuilder text = new StringBuilder()
                .append('[').append(m.status()).append(' ').append(severityName(m.severity())).append("] ")
                .append(escape(m.title())).append(" · ").append(escape(m.dataset()));
        if (m.event() != null) {
            text.append('/').append(escape(m.event()));
        }
        if (!m.segment().isEmpty()) {
            text.append(' ').append(escape(segmentText(m.segment())));
        }
        if (m.othersCount() > 0) {
            text.append(" (+").append(m.othersCount()).append(" more)");
        }
        text.append(" · ").append(valuesLine(m).replace("*", ""))
                .append(" · since ").append(UTC_MINUTE.format(m.since()))
                .append(" · ").append(owner(m));
        return truncate(text.toString(), TEXT_MAX);
    }

    /** Returns the comment posted with the chart in the thread. */
    public static String chartComment(AlertMessage m) {
        return "Chart: " + escape(m.chart().metric()) + " for `" + escape(m.groupKey())
                + "` (shaded: expected band; red dots: anomalous buckets)";
    }

    /** Returns the chart's alternative text, for screen readers. */
    public static String chartAltText(AlertMessage m) {
        long anomalous = m.chart().points().stream().filter(ChartSeries.Point::anomalous).count();
        return m.chart().metric() + ": observed line over the expected band, " + anomalous + " anomalous bucket"
                + (anomalous == 1 ? "" : "s");
    }

    private static List<TextObject> facts(AlertMessage m) {
        List<TextObject> fields = new ArrayList<>();
        String status = m.status() == Status.FIRING
                ? "FIRING · " + severityName(m.severity())
                : "RESOLVED (was " + severityName(m.severity()) + ")";
        fields.add(field("Status", status));
        fields.add(field("Owner", owner(m)));
        fields.add(field("Dataset", "`" + escape(m.dataset()) + "`"));
        fields.add(field("Event", m.event() == null ? "_all events_" : "`" + escape(m.event()) + "`"));
        fields.add(field("Segment", segmentLine(m)));
        fields.add(field("Since", slackDate(m.since())));
        fields.add(field("Observed", number(m.observed()) + deviation(m)));
        fields.add(field("Expected", number(m.expected()) + " (" + band(m.lower(), m.upper()) + ")"));
        return fields;
    }

    private static TextObject field(String name, String value) {
        return markdownText(truncate("*" + name + "*\n" + value, FIELD_MAX));
    }

    private static String headerText(AlertMessage m) {
        String emoji = switch (m.status()) {
            case RESOLVED -> ":white_check_mark: Resolved:";
            case FIRING -> switch (m.severity()) {
                case CRITICAL -> ":rotating_light:";
                case WARNING -> ":warning:";
                case INFO -> ":information_source:";
            };
        };
        // plain_text is not mrkdwn: no escaping, Slack shows the characters as they are.
        return emoji + " " + m.title();
    }

    private static String runbookLine(AlertMessage m) {
        String url = m.runbookUrl();
        if (url == null || url.isBlank()) {
            return ":book: _No runbook linked to this check._";
        }
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            return ":book: Runbook: `" + escape(url) + "`";
        }
        // <, > and | end a Slack link early; percent-encoding keeps the URL meaning the same.
        String safe = url.replace("<", "%3C").replace(">", "%3E").replace("|", "%7C");
        return ":book: <" + safe + "|Open the runbook>";
    }

    private static String valuesLine(AlertMessage m) {
        return "observed *" + number(m.observed()) + "*" + deviation(m) + ", expected " + number(m.expected())
                + " (" + band(m.lower(), m.upper()) + ")";
    }

    private static String segmentLine(AlertMessage m) {
        String line = m.segment().isEmpty() ? "_total_" : escape(segmentText(m.segment()));
        if (m.othersCount() > 0) {
            line += "\n_and " + m.othersCount() + " more segment" + (m.othersCount() == 1 ? "" : "s") + "_";
        }
        return line;
    }

    private static String segmentText(Map<String, String> segment) {
        return segment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String owner(AlertMessage m) {
        String owner = m.ownerMention();
        if (owner == null || owner.isBlank()) {
            return "_no owner_";
        }
        return MENTION.matcher(owner).matches() ? owner : escape(owner);
    }

    private static String severityName(Severity severity) {
        return severity.name().toLowerCase(Locale.ROOT);
    }

    /** Slack's date token shows the time in each reader's own zone; the fallback is UTC. */
    private static String slackDate(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + UTC_MINUTE.format(at) + ">";
    }

    static String band(Double lower, Double upper) {
        if (lower != null && upper != null) {
            return "band " + number(lower) + " – " + number(upper);
        }
        if (lower != null) {
            return "at least " + number(lower);
        }
        if (upper != null) {
            return "at most " + number(upper);
        }
        return "no band";
    }

    private static String deviation(AlertMessage m) {
        if (m.observed() == null || m.expected() == null || m.expected() == 0.0) {
            return "";
        }
        double pct = (m.observed() - m.expected()) / Math.abs(m.expected()) * 100.0;
        return String.format(Locale.ROOT, " (%+.1f%% vs expected)", pct);
    }

    static String number(Double value) {
        if (value == null) {
            return "n/a";
        }
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        // DecimalFormat is not thread-safe; one per call is cheap next to an HTTP round trip.
        return new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    /** Escapes the three characters that mrkdwn gives a meaning to. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
