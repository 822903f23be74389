package dev.trackwatch.notify;

import com.slack.api.Slack;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.fakes.FakeSlackApi;
import dev.trackwatch.fakes.FakeSlackCall;
import dev.trackwatch.fakes.FakeSlackFailure;
import dev.trackwatch.fakes.FakeSlackMessage;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentState;
import dev.trackwatch.route.Muter;
import dev.trackwatch.route.Receiver;
import dev.trackwatch.route.RouteDecision;
import dev.trackwatch.state.TestingStateDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries that an outage, a crash or a broken receiver used to leave unsaid, through the real
 * SDK against {@link FakeSlackApi}: an incident that fired and ended during an outage is told once
 * afterwards; a pending message whose look-up Slack cannot ever answer is delivered at once, with
 * a note; a post recovered after a crash gets its chart; a receiver that fails for good is told to
 * the config owner, or the outbox; missing bot scopes are reported at start.
 */
class DeliveryRecoveryTest {

    private static final Instant T0 = Instant.parse("2026-06-01T02:31:00Z");
    private static final String DB = "trackwatch_delivery_recovery_test";
    private static final Receiver GROWTH = new Receiver("growth", "C0GROWTH", "@growth");
    private static final Receiver PLATFORM = new Receiver("platform", "C0PLAT", "@platform");

    @TempDir
    Path dir;
    private FakeSlackApi api;
    private Slack slack;
    private TestingStateDatabase state;
    private NotificationLog log;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws Exception {
        api = FakeSlackApi.start();
        slack = TestAlerts.slack(api, Duration.ofSeconds(5));
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
    void anIncidentThatFiredAndEndedDuringAnOutageIsToldOnceAfterIt() throws Exception {
        Dispatcher dispatcher = dispatcher(sink(), FailureEscalation.NONE);
        api.failAll(FakeSlackFailure.http(503));
        dispatcher.observe(alert(IncidentState.OPEN, T0), T0);
        List<Notification> during = dispatcher.flush(T0.plusSeconds(30));
        dispatcher.observe(alert(IncidentState.RESOLVED, T0.plusSeconds(13 * 60)), T0.plusSeconds(13 * 60));
        List<Notification> stillDown = dispatcher.flush(T0.plusSeconds(14 * 60));
        api.endOutage();
        List<Notification> after = dispatcher.flush(T0.plusSeconds(15 * 60));
        List<Notification> later = dispatcher.flush(T0.plusSeconds(30 * 60));

        assertThat(during).isEmpty();
        assertThat(stillDown).isEmpty();
        assertThat(after).singleElement().satisfies(n -> assertThat(n.type()).isEqualTo(Notification.Type.RESOLVED));
        assertThat(later).isEmpty();
        assertThat(api.messagesIn("C0GROWTH")).singleElement().satisfies(m -> {
            assertThat(m.text()).contains("Fired 02:31\u201302:44 UTC while Slack was unreachable");
            assertThat(m.threadTs()).isNull();
        });
        assertThat(log.pending()).isEmpty();
        assertThat(dispatcher.groupCount()).isZero();
    }

    @Test
    void aPendingMessageWhoseLookupSlackCannotAnswerIsDecidedAtOnceWarnedAndCountedOnce() throws Exception {
        crashBeforeDelivering();
        api.failNext("conversations.history", 10, FakeSlackFailure.error("missing_scope"));
        api.failFor("chat.postMessage", Duration.ofHours(1), FakeSlackFailure.http(503));
        Dispatcher restarted = dispatcher(sink(), FailureEscalation.NONE);
        restarted.observe(alert(IncidentState.OPEN, T0), T0.plusSeconds(60));

        List<Notification> told = new java.util.ArrayList<>(restarted.flush(T0.plusSeconds(90)));
        assertThat(told).isEmpty(); // decided to deliver it, but Slack took no post
        api.clearWindows();
        told.addAll(restarted.flush(T0.plusSeconds(95)));

        assertThat(told).hasSize(1);
        assertThat(api.messagesIn("C0GROWTH")).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("may repeat a message sent just before a restart"));
        assertThat(api.calls("conversations.history")).as("asked once: asking again cannot help").hasSize(1);
        assertThat(registry.get("trackwatch.notifications.lookup.abandoned").tag("receiver", "growth").counter()
                .count()).isEqualTo(1.0);
        assertThat(log.pending()).isEmpty();
    }

    @Test
    void aPostRecoveredAfterACrashGetsTheChartTheCrashCutOff() throws Exception {
        ChartSeries chart = new ChartSeries("row_count per bucket", List.of(
                new ChartSeries.Point(T0.minusSeconds(3600), 100.0, 100.0, 80.0, 120.0, false),
                new ChartSeries.Point(T0, 10.0, 100.0, 80.0, 120.0, true)));
        SlackNotifier notifier = TestAlerts.notifier(slack, FakeSlackApi.TOKEN);
        NotificationSink postsThenDies = new NotificationSink() {
            @Override
            public Delivery deliver(Notification n) {
                notifier.post(n.channel(), TestAlerts.withoutChart(n.message())); // killed before the upload
                throw new IllegalStateException("killed between the post and its chart");
            }

            @Override
            public Lookup lookup(Notification n, Instant loggedAt) {
                return Lookup.notDelivered();
            }
        };
        crashes(dispatcher(postsThenDies, FailureEscalation.NONE, chart), T0);
        Dispatcher restarted = dispatcher(sink(), FailureEscalation.NONE, chart);
        restarted.observe(alert(IncidentState.OPEN, T0), T0.plusSeconds(60));
        restarted.flush(T0.plusSeconds(90));

        String parent = api.messagesIn("C0GROWTH").getFirst().ts();
        assertThat(api.calls("chat.postMessage")).hasSize(1);
        assertThat(api.calls("files.completeUploadExternal")).singleElement()
                .satisfies(c -> assertThat(c.params().get("thread_ts")).isEqualTo(parent));
        assertThat(log.pending()).isEmpty();
    }

    @Test
    void aReceiverThatFailsForGoodIsToldToTheConfigOwnersReceiver() throws Exception {
        api.failNext("chat.postMessage", 1, FakeSlackFailure.error("channel_not_found"));
        OutboxSink outbox = new OutboxSink(dir.resolve("outbox.jsonl"));
        NotificationSink sink = sink();
        Dispatcher dispatcher = dispatcher(sink, new FailureEscalation(r -> Optional.of(PLATFORM), sink, outbox));
        dispatcher.observe(alert(IncidentState.OPEN, T0), T0);
        dispatcher.flush(T0.plusSeconds(30));

        assertThat(api.messagesIn("C0GROWTH")).isEmpty();
        assertThat(api.messagesIn("C0PLAT")).singleElement().satisfies(m -> assertThat(m.text())
                .contains("Trackwatch cannot deliver to receiver growth (C0GROWTH): channel_not_found"));
        assertThat(outbox.lines()).isEmpty();
        assertThat(log.entry(Notification.idOf(groupKey(), 1))).hasValueSatisfying(
                e -> assertThat(e.status()).isEqualTo("failed:channel_not_found"));
    }

    @Test
    void whenTheOwnersOwnReceiverFailsForGoodTheOutboxIsTold() throws Exception {
        api.failNext("chat.postMessage", 1, FakeSlackFailure.error("is_archived"));
        OutboxSink outbox = new OutboxSink(dir.resolve("outbox.jsonl"));
        NotificationSink sink = sink();
        Dispatcher dispatcher = dispatcher(sink, new FailureEscalation(r -> Optional.of(GROWTH), sink, outbox));
        dispatcher.observe(alert(IncidentState.OPEN, T0), T0);
        dispatcher.flush(T0.plusSeconds(30));
        dispatcher.flush(T0.plusSeconds(60));

        assertThat(api.topLevelMessages()).isEmpty();
        assertThat(outbox.lines()).singleElement().satisfies(line -> assertThat(line)
                .contains("Trackwatch cannot deliver to receiver growth (C0GROWTH): is_archived"));
    }

    @Test
    void missingBotScopesAreReportedAtStart() {
        api.grantScopes("chat:write,files:write,channels:history");
        SlackNotifier notifier = TestAlerts.notifier(slack, FakeSlackApi.TOKEN);

        assertThat(SlackScopes.check(notifier, registry)).containsExactly("groups:history");
        assertThat(registry.get("trackwatch.slack.scope.missing").tag("scope", "groups:history").gauge().value())
                .isEqualTo(1.0);
        assertThat(registry.get("trackwatch.slack.scope.missing").tag("scope", "chat:write").gauge().value()).isZero();
        assertThat(api.calls("auth.test")).hasSize(1);
    }

    /** A process logs the FIRING message as pending and dies before delivering it. */
    private void crashBeforeDelivering() throws Exception {
        NotificationSink dies = new NotificationSink() {
            @Override
            public Delivery deliver(Notification n) {
                throw new IllegalStateException("killed before delivering");
            }

            @Override
            public Lookup lookup(Notification n, Instant loggedAt) {
                return Lookup.notDelivered();
            }
        };
        crashes(dispatcher(dies, FailureEscalation.NONE), T0);
    }

    private static void crashes(Dispatcher dispatcher, Instant at) throws InterruptedException {
        dispatcher.observe(alert(IncidentState.OPEN, at), at);
        try {
            dispatcher.flush(at.plusSeconds(30));
        } catch (IllegalStateException expected) {
            // the process "died" here
        }
    }

    private NotificationSink sink() {
        FakeTime time = new FakeTime(T0);
        return new CountedSink(new SlackSink(TestAlerts.notifier(slack, FakeSlackApi.TOKEN),
                new RetryingSender(RetryPolicy.defaults(), ChannelRateLimiter.slackDefault(time), time)), registry);
    }

    private Dispatcher dispatcher(NotificationSink sink, FailureEscalation escalation) {
        return dispatcher(sink, escalation, null);
    }

    private Dispatcher dispatcher(NotificationSink sink, FailureEscalation escalation, ChartSeries chart) {
        MessageRenderer renderer = new MessageRenderer(() -> new TrackwatchSpec(List.of(), List.of(), List.of(), "h"),
                "http://trackwatch.test", incident -> chart);
        return new Dispatcher(labels -> List.of(route()), Muter.none(), new Deliverer(log, sink, registry, escalation),
                renderer, DeliveryQueues.inline());
    }

    private static RouteDecision route() {
        return new RouteDecision(GROWTH, List.of("dataset", "kind"), Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofHours(1), List.of());
    }

    private static String groupKey() {
        return Dispatcher.groupKey(route(), Map.of("dataset", "product_events", "kind", "volume"));
    }

    private static Alert alert(IncidentState state, Instant updated) {
        Incident incident = Incident.builder().id("inc-ios").dataset("product_events").check("volume")
                .metric("row_count").segment(Map.of("platform", "ios")).kind("volume").severity(Severity.CRITICAL)
                .owner("growth").state(state).openedAt(T0).updatedAt(updated).firstBucket(T0).lastBucket(T0)
                .observed(10.0).expected(100.0).lower(80.0).upper(120.0).reason("row_count 10 is below its baseline")
                .labels(Map.of("dataset", "product_events", "kind", "volume")).build();
        return new Alert(incident);
    }
}
