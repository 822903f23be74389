package dev.trackwatch.notify;

import dev.trackwatch.fakes.FakeSlackApi;
import dev.trackwatch.fakes.FakeSlackCall;
import dev.trackwatch.fakes.FakeSlackFailure;
import dev.trackwatch.state.StateDatabase;
import dev.trackwatch.route.Muter;
import dev.trackwatch.config.Severity;
import com.slack.api.Slack;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentState;
import dev.trackwatch.route.Receiver;
import dev.trackwatch.route.RouteDecision;
import dev.trackwatch.state.TestingStateDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification stage delivering to Slack through the real SDK and {@link FakeSlackApi}: the
 * group's first message is a post, a change is a reply in its thread, the end edits the post and
 * replies; and a daemon that died right after Slack accepted a post finds it by its metadata on
 * restart instead of posting it again.
 */
class SlackDispatchTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final String DB = "trackwatch_slack_dispatch_test";
    private static final RouteDecision ROUTE = new RouteDecision(new Receiver("growth", "C0GROWTH", "<!subteam^S1>"),
            List.of("dataset", "kind"), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1), List.of());

    private FakeSlackApi api;
    private Slack slack;
    private TestingStateDatabase state;
    private NotificationLog log;

    @BeforeEach
    void start() throws Exception {
        api = FakeSlackApi.start();
        slack = TestAlerts.slack(api, Duration.ofSeconds(2));
        state = TestingStateDatabase.create(DB);
        log = new NotificationLog(state.dsl(), DB);
    }

    @AfterEach
    void stop() throws Exception {
        state.close();
        slack.close();
        api.close();
    }

    @Test
    void firstMessageThenThreadReplyThenTheEditThatResolvesIt() throws Exception {
        Dispatcher dispatcher = dispatcher(sink());
        dispatcher.observe(alert("ios", IncidentState.OPEN), T0);
        dispatcher.flush(T0.plusSeconds(30));
        dispatcher.observe(alert("android", IncidentState.OPEN), T0.plusSeconds(60));
        dispatcher.flush(T0.plusSeconds(330));
        dispatcher.observe(alert("ios", IncidentState.RESOLVED), T0.plusSeconds(400));
        dispatcher.observe(alert("android", IncidentState.RESOLVED), T0.plusSeconds(400));
        dispatcher.flush(T0.plusSeconds(700));

        List<FakeSlackCall> posts = api.calls("chat.postMessage");
        assertThat(posts).hasSize(3);
        String parent = api.messagesIn("C0GROWTH").getFirst().ts();
        assertThat(posts.get(0).params().get("thread_ts")).isNull();
        assertThat(posts.get(0).params().get("blocks")).contains("subteam^S1").contains("runbooks/volume-drop.md");
        assertThat(posts.get(1).params().get("thread_ts")).isEqualTo(parent);
        assertThat(posts.get(2).params().get("thread_ts")).isEqualTo(parent);
        assertThat(api.calls("chat.update")).singleElement()
                .satisfies(c -> assertThat(c.params().get("ts")).isEqualTo(parent));
        assertThat(api.message("C0GROWTH", parent).edits()).isEqualTo(1);
    }

    @Test
    void theFirstMessagesChartIsUploadedOnceIntoItsThread() throws Exception {
        ChartSeries chart = new ChartSeries("row_count per bucket", List.of(
                new ChartSeries.Point(T0.minusSeconds(3600), 100.0, 100.0, 80.0, 120.0, false),
                new ChartSeries.Point(T0, 10.0, 100.0, 80.0, 120.0, true)));
        MessageRenderer renderer = new MessageRenderer(() -> new TrackwatchSpec(List.of(), List.of(), List.of(), "h"),
                "http://trackwatch.test", incident -> chart);
        Dispatcher dispatcher = new Dispatcher(labels -> List.of(ROUTE), Muter.none(), log, sink(),
                renderer);
        dispatcher.observe(alert("ios", IncidentState.OPEN), T0);

        dispatcher.flush(T0.plusSeconds(30));

        assertThat(api.calls("chat.postMessage")).hasSize(1);
        assertThat(api.calls("files.completeUploadExternal")).singleElement()
                .satisfies(c -> assertThat(c.params().get("thread_ts")).isEqualTo(api.messagesIn("C0GROWTH").getFirst().ts()));
    }

    @Test
    void aPostThatSlackAcceptedJustBeforeACrashIsFoundByItsMetadataNotPostedAgain() throws Exception {
        NotificationSink real = sink();
        NotificationSink dying = new NotificationSink() {
            @Override
            public Delivery deliver(Notification n) throws InterruptedException {
                real.deliver(n);
                throw new IllegalStateException("killed after Slack accepted the post");
            }

            @Override
            public Lookup lookup(Notification n, Instant loggedAt) {
                return real.lookup(n, loggedAt);
            }
        };
        Dispatcher before = dispatcher(dying);
        before.observe(alert("ios", IncidentState.OPEN), T0);
        try {
            before.flush(T0.plusSeconds(30));
        } catch (IllegalStateException expected) {
            // the process "died" here
        }
        Dispatcher restarted = dispatcher(real);
        restarted.observe(alert("ios", IncidentState.OPEN), T0.plusSeconds(60));
        restarted.flush(T0.plusSeconds(90));
        restarted.observe(alert("android", IncidentState.OPEN), T0.plusSeconds(100));
        restarted.flush(T0.plusSeconds(400));

        List<FakeSlackCall> posts = api.calls("chat.postMessage");
        assertThat(posts).extracting(c -> c.params().get("thread_ts") == null ? "post" : "reply")
                .containsExactly("post", "reply");
        assertThat(posts.get(1).params().get("thread_ts")).isEqualTo(api.messagesIn("C0GROWTH").getFirst().ts());
        assertThat(log.pending()).isEmpty();
    }

    @Test
    void aNotificationThatFailsForGoodIsCountedByReceiverAndReason() throws Exception {
        api.failNext("chat.postMessage", 1, FakeSlackFailure.error("invalid_auth"));
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        Dispatcher dispatcher = dispatcher(new CountedSink(sink(), registry));

        dispatcher.observe(alert("ios", IncidentState.OPEN), T0);
        dispatcher.flush(T0.plusSeconds(30));

        assertThat(registry.get("trackwatch.notifications.failed").tag("receiver", "growth")
                .tag("reason", "invalid_auth").tag("permanent", "true").counter().count()).isEqualTo(1.0);
        assertThat(api.messagesIn("C0GROWTH")).isEmpty();
    }

    private NotificationSink sink() {
        FakeTime time = new FakeTime(T0);
        return new SlackSink(TestAlerts.notifier(slack, FakeSlackApi.TOKEN),
                new RetryingSender(RetryPolicy.defaults(), ChannelRateLimiter.slackDefault(time), time));
    }

    private Dispatcher dispatcher(NotificationSink sink) {
        MessageRenderer renderer = new MessageRenderer(() -> new TrackwatchSpec(List.of(), List.of(), List.of(), "h"),
                "http://trackwatch.test", incident -> null);
        return new Dispatcher(labels -> List.of(ROUTE), Muter.none(), log, sink, renderer);
    }

    private static Alert alert(String platform, IncidentState state) {
        Incident incident = Incident.builder().id("inc-" + platform).dataset("product_events").check("volume")
                .metric("row_count").segment(Map.of("platform", platform)).kind("volume").severity(Severity.CRITICAL)
                .owner("growth").state(state).openedAt(T0).updatedAt(T0).firstBucket(T0).lastBucket(T0).observed(10.0)
                .expected(100.0).lower(80.0).upper(120.0).reason("row_count 10 is below its baseline")
                .labels(Map.of("dataset", "product_events", "kind", "volume")).build();
        return new Alert(incident);
    }
}
