package dev.trackwatch.notify;

import dev.trackwatch.fakes.FakeSlackApi;
import dev.trackwatch.fakes.FakeSlackCall;
import dev.trackwatch.fakes.FakeSlackFailure;
import dev.trackwatch.fakes.FakeSlackFile;
import dev.trackwatch.fakes.FakeSlackMessage;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import com.slack.api.Slack;
import dev.trackwatch.notify.Delivery.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.trackwatch.fakes.FakeSlackFailure.error;
import static dev.trackwatch.fakes.FakeSlackFailure.hang;
import static dev.trackwatch.fakes.FakeSlackFailure.http;
import static dev.trackwatch.fakes.FakeSlackFailure.rateLimited;
import static org.assertj.core.api.Assertions.assertThat;

/** The notifier with the real Slack SDK speaking HTTP to {@link FakeSlackApi}. */
class SlackNotifierTest {

    private FakeSlackApi api;
    private Slack slack;
    private SlackNotifier notifier;

    @BeforeEach
    void start() throws Exception {
        api = FakeSlackApi.start();
        slack = TestAlerts.slack(api, Duration.ofMillis(500));
        notifier = TestAlerts.notifier(slack, FakeSlackApi.TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        api.close();
    }

    @Test
    void postSendsTheAlertAsBlocksAndReturnsTheMessageTs() {
        Delivery d = notifier.post("C1", TestAlerts.withoutChart(TestAlerts.checkoutDrop()));

        assertThat(d.status()).isEqualTo(Status.OK);
        assertThat(d.chart()).isNull();
        FakeSlackCall call = api.calls("chat.postMessage").getFirst();
        assertThat(d.ts()).isEqualTo("1700000000.000100");
        assertThat(call.authorization()).isEqualTo("Bearer " + FakeSlackApi.TOKEN);
        assertThat(call.channel()).isEqualTo("C1");
        assertThat(call.threadTs()).isNull();
        assertThat(call.params()).containsEntry("unfurl_links", "0");
        assertThat(call.text()).contains("[FIRING critical] Checkout volume dropped 38% on iOS")
                .contains(TestAlerts.OWNER);
        assertThat(call.blocksJson().get(0).getAsJsonObject().get("type").getAsString()).isEqualTo("header");
        assertThat(call.blocksText()).contains("Checkout volume dropped 38% on iOS")
                .contains("band 1,800 – 2,200")
                .contains("<" + TestAlerts.RUNBOOK + "|Open the runbook>")
                .contains(TestAlerts.OWNER)
                .contains("_and 29 more segments_");
        assertThat(call.params().get("metadata")).contains("trackwatch_alert")
                .contains("events/checkout_volume/platform");
        assertThat(api.message("C1", d.ts()).blocks()).isEqualTo(call.blocks());
    }

    @Test
    void theChartArrivesAsPngBytesSharedIntoTheMessagesThread() throws Exception {
        Delivery d = notifier.post("C1", TestAlerts.checkoutDrop());

        assertThat(d.status()).isEqualTo(Status.OK);
        assertThat(d.chart().status()).isEqualTo(Status.OK);
        assertThat(api.calls()).extracting(FakeSlackCall::method).containsExactly("chat.postMessage",
                "files.getUploadURLExternal", FakeSlackApi.UPLOAD, "files.completeUploadExternal");

        FakeSlackFile file = api.file(d.chart().fileId());
        assertThat(file.isPng()).isTrue();
        assertThat(ChartRendererTest.decode(file.bytes()).getWidth()).isEqualTo(ChartRenderer.WIDTH);
        assertThat(file.declaredLength()).isEqualTo(file.bytes().length);
        assertThat(file.filename()).isEqualTo("trackwatch-events_checkout_volume_platform.png");
        assertThat(file.altTxt()).contains("2 anomalous buckets");
        // Shared into the channel, in the thread of the alert's own message.
        assertThat(file.channel()).isEqualTo("C1");
        assertThat(file.threadTs()).isEqualTo(d.ts());
        assertThat(file.initialComment()).contains("events/checkout_volume/platform");
        FakeSlackCall complete = api.calls("files.completeUploadExternal").getFirst();
        JsonArray files = JsonParser.parseString(complete.params().get("files")).getAsJsonArray();
        assertThat(files.get(0).getAsJsonObject().get("id").getAsString()).isEqualTo(file.id());
        assertThat(api.calls(FakeSlackApi.UPLOAD).getFirst().authorization()).as("the upload URL is pre-signed")
                .isNull();
    }

    @Test
    void aFollowUpIsPostedInTheThread() {
        String parent = notifier.post("C1", TestAlerts.withoutChart(TestAlerts.checkoutDrop())).ts();

        Delivery d = notifier.followUp("C1", parent, TestAlerts.checkoutDrop());

        assertThat(d.status()).isEqualTo(Status.OK);
        assertThat(d.ts()).isNotEqualTo(parent);
        FakeSlackCall reply = api.calls("chat.postMessage").get(1);
        assertThat(reply.threadTs()).isEqualTo(parent);
        assertThat(reply.blocksText()).contains("*Update:*").contains("observed *1,234* (-38.3% vs expected)");
        assertThat(api.file(d.chart().fileId()).threadTs()).isEqualTo(parent);
    }

    @Test
    void resolveEditsTheOriginalMessageAndRepliesInItsThread() {
        AlertMessage alert = TestAlerts.withoutChart(TestAlerts.checkoutDrop());
        String parent = notifier.post("C1", alert).ts();

        Delivery d = notifier.resolve("C1", parent, alert);

        assertThat(d.status()).isEqualTo(Status.OK);
        assertThat(d.ts()).isEqualTo(parent);
        FakeSlackCall update = api.calls("chat.update").getFirst();
        assertThat(update.channel()).isEqualTo("C1");
        assertThat(update.ts()).isEqualTo(parent);
        assertThat(update.text()).startsWith("[RESOLVED critical]");
        FakeSlackMessage edited = api.message("C1", parent);
        assertThat(edited.edits()).isEqualTo(1);
        assertThat(FakeSlackCall.blocksText(edited.blocks())).contains(":white_check_mark: Resolved: Checkout volume dropped")
                .contains("RESOLVED (was critical)");
        FakeSlackCall reply = api.calls("chat.postMessage").get(1);
        assertThat(reply.threadTs()).isEqualTo(parent);
        assertThat(reply.blocksText()).contains("*Resolved:*");
        assertThat(api.calls()).extracting(FakeSlackCall::method)
                .containsExactly("chat.postMessage", "chat.update", "chat.postMessage");
    }

    @Test
    void rateLimitedIsRecoverableWithSlacksRetryAfter() {
        api.failNext("chat.postMessage", 1, rateLimited(7));

        Delivery d = notifier.post("C1", TestAlerts.checkoutDrop());

        assertThat(d.status()).isEqualTo(Status.RECOVERABLE);
        assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(d.error()).isEqualTo("ratelimited");
        assertThat(d.method()).isEqualTo("chat.postMessage");
        assertThat(api.calls()).hasSize(1);
    }

    @Test
    void aServerErrorIsRecoverable() {
        api.failNext("chat.postMessage", 1, http(500));

        Delivery d = notifier.post("C1", TestAlerts.checkoutDrop());

        assertThat(d.status()).isEqualTo(Status.RECOVERABLE);
        assertThat(d.error()).isEqualTo("http_500");
        assertThat(d.retryAfter()).isNull();
    }

    @Test
    void aTimeoutIsRecoverable() {
        api.failNext("chat.postMessage", 1, hang(Duration.ofSeconds(2)));

        Delivery d = notifier.post("C1", TestAlerts.checkoutDrop());

        assertThat(d.status()).isEqualTo(Status.RECOVERABLE);
        assertThat(d.error()).isEqualTo("timeout");
    }

    @Test
    void channelNotFoundIsPermanentAndNothingIsUploaded() {
        api.failNext("chat.postMessage", 1, error("channel_not_found"));

        Delivery d = notifier.post("C404", TestAlerts.checkoutDrop());

        assertThat(d.status()).isEqualTo(Status.PERMANENT);
        assertThat(d.error()).isEqualTo("channel_not_found");
        assertThat(d.ts()).isNull();
        assertThat(api.calls()).extracting(FakeSlackCall::method).containsExactly("chat.postMessage");
    }

    @Test
    void aWrongTokenIsPermanent() throws Exception {
        try (Slack other = TestAlerts.slack(api, Duration.ofSeconds(2))) {
            Delivery d = TestAlerts.notifier(other, "xoxb-revoked").post("C1", TestAlerts.checkoutDrop());

            assertThat(d.status()).isEqualTo(Status.PERMANENT);
            assertThat(d.error()).isEqualTo("invalid_auth");
        }
    }

    @Test
    void aFailedChartUploadLeavesThePostOkAndIsRetriedAlone() {
        api.failNext(FakeSlackApi.UPLOAD, 1, http(503));
        AlertMessage alert = TestAlerts.checkoutDrop();

        Delivery d = notifier.post("C1", alert);

        assertThat(d.status()).as("the message is posted; retrying it would post it twice").isEqualTo(Status.OK);
        assertThat(d.chart().status()).isEqualTo(Status.RECOVERABLE);
        assertThat(d.chart().error()).isEqualTo("http_503");
        assertThat(d.chart().method()).isEqualTo("files.upload");

        Delivery retried = notifier.attachChart("C1", d.ts(), alert);

        assertThat(retried.status()).isEqualTo(Status.OK);
        assertThat(api.calls("chat.postMessage")).hasSize(1);
        assertThat(api.file(retried.fileId()).threadTs()).isEqualTo(d.ts());
    }

    @Test
    void anUploadAnswerWithoutItsFilesNeverFailsThePostThatCameBeforeIt() {
        // Slack said ok but listed no file: the SDK cannot read it. The message is already posted,
        // so the outcome must stay OK (a failed post would be retried, and posted again).
        api.failNext("files.completeUploadExternal", 1, FakeSlackFailure.body("{\"ok\":true}"));
        AlertMessage alert = TestAlerts.checkoutDrop();

        Delivery d = notifier.post("C1", alert);

        assertThat(d.status()).isEqualTo(Status.OK);
        assertThat(d.ts()).isNotBlank();
        assertThat(d.chart().status()).isEqualTo(Status.PERMANENT);
        assertThat(d.chart().method()).isEqualTo("files.uploadV2");
        assertThat(api.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void anEditOfAMessageThatIsGoneIsPermanentAndNoReplyIsPosted() {
        Delivery d = notifier.resolve("C1", "1600000000.000001", TestAlerts.checkoutDrop());

        assertThat(d.status()).isEqualTo(Status.PERMANENT);
        assertThat(d.error()).isEqualTo("message_not_found");
        assertThat(d.method()).isEqualTo("chat.update");
        assertThat(api.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void aResolveWhoseReplyFailedCanBeRepeated() {
        AlertMessage alert = TestAlerts.withoutChart(TestAlerts.checkoutDrop());
        String parent = notifier.post("C1", alert).ts();
        api.failNext("chat.postMessage", 1, http(502));

        Delivery first = notifier.resolve("C1", parent, alert);
        Delivery second = notifier.resolve("C1", parent, alert);

        assertThat(first.status()).isEqualTo(Status.RECOVERABLE);
        assertThat(first.method()).isEqualTo("chat.postMessage");
        assertThat(second.status()).isEqualTo(Status.OK);
        assertThat(api.message("C1", parent).edits()).isEqualTo(2);
        assertThat(api.calls("chat.postMessage").stream().filter(c -> c.status() == 200)
                .filter(c -> parent.equals(c.threadTs()))).hasSize(1);
    }
}
