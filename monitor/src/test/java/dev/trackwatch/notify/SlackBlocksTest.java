package dev.trackwatch.notify;

import dev.trackwatch.fakes.FakeSlackCall;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import dev.trackwatch.config.Severity;
import dev.trackwatch.notify.AlertMessage.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Block Kit content of alert messages, as the SDK serializes it for Slack. */
class SlackBlocksTest {

    private static String json(List<LayoutBlock> blocks) {
        return GsonFactory.createSnakeCase().toJson(blocks);
    }

    private static String text(List<LayoutBlock> blocks) {
        return FakeSlackCall.blocksText(json(blocks));
    }

    private static AlertMessage alert(String title, String owner, String runbook, Double lower, Double upper,
                                      int count) {
        return AlertMessage.builder().title(title).dataset("events").segment(Map.of("country", "<DE>")).observed(5.0)
                .lower(lower).upper(upper).since(Instant.parse("2026-03-10T14:00:00Z")).severity(Severity.WARNING)
                .ownerMention(owner).runbookUrl(runbook).status(Status.FIRING).groupKey("k&1").alertCount(count).build();
    }

    @Test
    void theChannelMessageHasHeaderFactsRunbookAndIncident() {
        JsonArray blocks = JsonParser.parseString(json(SlackBlocks.parent(TestAlerts.checkoutDrop())))
                .getAsJsonArray();

        assertThat(blocks).hasSize(4);
        assertThat(blocks.get(0).getAsJsonObject().get("type").getAsString()).isEqualTo("header");
        assertThat(blocks.get(1).getAsJsonObject().getAsJsonArray("fields")).hasSizeLessThanOrEqualTo(10);
        assertThat(blocks.get(3).getAsJsonObject().get("type").getAsString()).isEqualTo("context");
        String text = text(SlackBlocks.parent(TestAlerts.checkoutDrop()));
        assertThat(text).contains(":rotating_light: Checkout volume dropped 38% on iOS")
                .contains("*Status*\nFIRING · critical")
                .contains("*Owner*\n<!subteam^S0GROWTH>")
                .contains("*Dataset*\n`events`")
                .contains("*Event*\n`checkout_completed`")
                .contains("*Segment*\nplatform=ios, country=DE\n_and 29 more segments_")
                .contains("*Since*\n<!date^1773151200^{date_short_pretty} {time}|2026-03-10 14:00 UTC>")
                .contains("*Observed*\n1,234 (-38.3% vs expected)")
                .contains("*Expected*\n2,000 (band 1,800 – 2,200)")
                .contains(":book: <" + TestAlerts.RUNBOOK + "|Open the runbook>")
                .contains("Incident `events/checkout_volume/platform` · chart and updates in the thread");
    }

    @Test
    void textFromDataIsEscapedButAMentionIsKept() {
        AlertMessage m = alert("Nulls in <user_id> & more", "<!subteam^S1|growth>", null, null, null, 2);

        String text = text(SlackBlocks.parent(m));

        // A header is plain text: shown as is. Everything mrkdwn is escaped.
        assertThat(text).contains(":warning: Nulls in <user_id> & more")
                .contains("country=&lt;DE&gt;")
                .contains("Incident `k&amp;1`")
                .contains("*Owner*\n<!subteam^S1|growth>")
                .contains("_and 1 more segment_")
                .doesNotContain("<DE>");
        assertThat(SlackBlocks.fallbackText(m)).contains("Nulls in &lt;user_id&gt; &amp; more")
                .contains("<!subteam^S1|growth>");
    }

    @Test
    void aPlainOwnerNameIsTextAndAMalformedMentionCannotInjectMarkup() {
        assertThat(text(SlackBlocks.parent(alert("t", "@growth", null, null, null, 1)))).contains("*Owner*\n@growth");
        assertThat(text(SlackBlocks.parent(alert("t", "<!channel> <https://evil|x>", null, null, null, 1))))
                .contains("*Owner*\n&lt;!channel&gt; &lt;https://evil|x&gt;");
        assertThat(text(SlackBlocks.parent(alert("t", null, null, null, null, 1)))).contains("*Owner*\n_no owner_");
    }

    @Test
    void missingValuesAndOneSidedBandsAreSaidInWords() {
        String text = text(SlackBlocks.parent(alert("t", "@a", null, 3.0, null, 1)));

        assertThat(text).contains("*Event*\n_all events_")
                .contains("*Observed*\n5\n")
                .contains("*Expected*\nn/a (at least 3)")
                .contains("_No runbook linked to this check._")
                .doesNotContain("more segment");
        assertThat(SlackBlocks.band(null, 0.25)).isEqualTo("at most 0.25");
        assertThat(SlackBlocks.band(null, null)).isEqualTo("no band");
        assertThat(SlackBlocks.number(0.000123)).isEqualTo("0.0001");
        assertThat(SlackBlocks.number(1234567.5)).isEqualTo("1,234,567.5");
    }

    @Test
    void runbookLinksCannotBreakOutOfTheLink() {
        String text = text(SlackBlocks.parent(alert("t", "@a", "https://wiki.test/a|b>c", null, null, 1)));
        assertThat(text).contains("<https://wiki.test/a%7Cb%3Ec|Open the runbook>");
        assertThat(text(SlackBlocks.parent(alert("t", "@a", "runbooks/volume.md", null, null, 1))))
                .contains("Runbook: `runbooks/volume.md`");
    }

    @Test
    void aLongTitleIsCutToSlacksHeaderLimit() {
        String title = "x".repeat(400);
        JsonArray blocks = JsonParser.parseString(json(SlackBlocks.parent(alert(title, "@a", null, null, null, 1))))
                .getAsJsonArray();
        String header = blocks.get(0).getAsJsonObject().getAsJsonObject("text").get("text").getAsString();

        assertThat(header).hasSize(SlackBlocks.HEADER_MAX).endsWith("…");
    }

    @Test
    void theResolvedFormSaysSoInHeaderStatusAndContext() {
        AlertMessage resolved = TestAlerts.checkoutDrop().withStatus(Status.RESOLVED);

        assertThat(text(SlackBlocks.parent(resolved)))
                .contains(":white_check_mark: Resolved: Checkout volume dropped 38% on iOS")
                .contains("*Status*\nRESOLVED (was critical)")
                .contains("resolved; history in the thread");
        assertThat(text(SlackBlocks.resolvedReply(resolved))).contains("*Resolved:* Checkout volume dropped");
        assertThat(SlackBlocks.fallbackText(resolved)).startsWith("[RESOLVED critical] ");
    }
}
