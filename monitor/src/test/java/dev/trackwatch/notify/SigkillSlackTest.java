package dev.trackwatch.notify;

import dev.trackwatch.bench.ChildProcess;
import dev.trackwatch.fakes.FakeSlackApi;
import dev.trackwatch.fakes.FakeSlackFailure;
import dev.trackwatch.fakes.FakeSlackMessage;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo daemon delivering to Slack (the fake Web API, through the real SDK) is killed with
 * SIGKILL in the one window an outbox does not have: Slack has taken a message but the daemon has
 * not yet heard so. The restarted daemon finds the message by its metadata instead of posting it
 * again, and still tells every open incident once.
 */
class SigkillSlackTest {

    @TempDir
    Path dir;

    @Test
    void aPostThatSlackTookBeforeTheKillIsNotPostedAgain() throws Exception {
        try (FakeSlackApi slack = FakeSlackApi.start()) {
            slack.failNext("chat.postMessage", 1, FakeSlackFailure.serveThenHang(Duration.ofMinutes(2)));
            TestingDemoDaemon daemon = new TestingDemoDaemon(dir,
                    Map.of("TRACKWATCH_SLACK_TOKEN", FakeSlackApi.TOKEN, "TRACKWATCH_SLACK_API_URL", slack.apiUrl()));

            ChildProcess first = daemon.start();
            awaitCalls(slack, "chat.postMessage", 1, Duration.ofMinutes(3), first);
            // Slack holds its answer to that post for two minutes: the daemon dies not knowing it arrived.
            first.kill();
            FakeSlackMessage taken = slack.topLevelMessages().getFirst();

            List<TestingDemoDaemon.OpenIncident> open;
            try (ChildProcess second = daemon.start()) {
                second.awaitLine(Pattern.compile("CheckScheduler - (FAILED|WARN) "), Duration.ofMinutes(3));
                awaitQuiet(slack);
                open = daemon.openIncidents();
                assertThat(second.output()).doesNotContain(FakeSlackApi.TOKEN);
            }

            List<String> firing = slack.topLevelMessages().stream().map(SigkillSlackTest::groupKey).toList();
            assertThat(firing).as("first messages, one per group").doesNotHaveDuplicates()
                    .containsOnlyOnce(groupKey(taken));
            assertThat(open).filteredOn(i -> i.suppressed() == null).isNotEmpty().allSatisfy(i ->
                    assertThat(firing).as("a first message for %s/%s", i.dataset(), i.check())
                            .anyMatch(g -> TestingDemoDaemon.groupOf(g, i.datasetAndCheck())));
            assertThat(slack.calls("conversations.history")).as("the restart asked Slack what had arrived")
                    .isNotEmpty();
        }
    }

    private static String groupKey(FakeSlackMessage m) {
        JsonObject metadata = JsonParser.parseString(m.metadata()).getAsJsonObject();
        return metadata.getAsJsonObject("event_payload").get("group_key").getAsString();
    }

    private static void awaitCalls(FakeSlackApi slack, String method, int count, Duration timeout, ChildProcess child)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (slack.calls(method).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + method + " within " + timeout + "; the daemon said:\n" + child.output());
            }
            Thread.sleep(200);
        }
    }

    /** Waits until Slack has had no call for 15 s. */
    private static void awaitQuiet(FakeSlackApi slack) throws InterruptedException {
        int seen = -1;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            int now = slack.calls().size();
            if (now == seen && now > 0) {
                return;
            }
            seen = now;
            Thread.sleep(15_000);
        }
        throw new AssertionError("Slack kept being called for 3 minutes");
    }
}
