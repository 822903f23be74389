package dev.trackwatch.notify;

import dev.trackwatch.state.StateDatabase;
import dev.trackwatch.route.Muter;
import dev.trackwatch.config.Severity;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentState;
import dev.trackwatch.route.Receiver;
import dev.trackwatch.route.RouteDecision;
import dev.trackwatch.state.TestingStateDatabase;
import dev.trackwatch.config.TrackwatchSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification stage against the embedded ClickHouse (notification log) and a real outbox
 * file: grouping, group_wait, group_interval, repeat_interval, resolution, silences, a sink outage,
 * and restarts at every point of a delivery sending nothing twice and losing nothing.
 */
class DispatcherTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final RouteDecision ROUTE = new RouteDecision(new Receiver("growth", "#growth-alerts", "@growth"),
            List.of("dataset", "kind"), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1), List.of());
    private static final String DB = "trackwatch_dispatch_test";

    @TempDir
    Path dir;
    private TestingStateDatabase state;
    private NotificationLog log;

    @BeforeEach
    void createLog() throws Exception {
        state = TestingStateDatabase.create(DB);
        log = new NotificationLog(state.dsl(), DB);
    }

    @AfterEach
    void dropLog() throws Exception {
        state.close();
    }

    @Test
    void anOutageAcrossThirtySegmentsIsOneMessageAfterGroupWaitThenUpdatesRepeatsAndResolvesInItsThread() throws Exception {
        OutboxSink outbox = new OutboxSink(dir.resolve("outbox.jsonl"));
        Dispatcher dispatcher = dispatcher(outbox, Muter.none());
        for (int i = 0; i < 30; i++) {
            dispatcher.observe(alert(incident("seg" + i, IncidentState.OPEN)), T0);
        }

        List<Notification> early = dispatcher.flush(T0.plusSeconds(10));
        List<Notification> first = dispatcher.flush(T0.plusSeconds(30));
        dispatcher.observe(alert(incident("late", IncidentState.OPEN)), T0.plusSeconds(60));
        List<Notification> tooSoon = dispatcher.flush(T0.plusSeconds(120));
        List<Notification> update = dispatcher.flush(T0.plusSeconds(30 + 300));
        List<Notification> quiet = dispatcher.flush(T0.plusSeconds(30 + 600));
        List<Notification> repeat = dispatcher.flush(T0.plusSeconds(330 + 3600));
        for (int i = 0; i < 30; i++) {
            dispatcher.observe(alert(incident("seg" + i, IncidentState.RESOLVED)), T0.plusSeconds(4000));
        }
        dispatcher.observe(alert(incident("late", IncidentState.RESOLVED)), T0.plusSeconds(4000));
        List<Notification> resolved = dispatcher.flush(T0.plusSeconds(330 + 3600 + 300));

        assertThat(early).isEmpty();
        assertThat(first).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(Notification.Type.FIRING);
            assertThat(n.message().alertCount()).isEqualTo(30);
            assertThat(n.channel()).isEqualTo("#growth-alerts");
            assertThat(n.message().runbookUrl()).isEqualTo("http://trackwatch.test/runbooks/volume-drop.md");
        });
        assertThat(tooSoon).isEmpty();
        assertThat(update).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(Notification.Type.UPDATE);
            assertThat(n.threadTs()).isEqualTo(first.getFirst().id());
            assertThat(n.message().alertCount()).isEqualTo(31);
        });
        assertThat(quiet).isEmpty();
        assertThat(repeat).extracting(Notification::type).containsExactly(Notification.Type.REPEAT);
        assertThat(resolved).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(Notification.Type.RESOLVED);
            assertThat(n.message().status()).isEqualTo(AlertMessage.Status.RESOLVED);
        });
        assertThat(dispatcher.groupCount()).isZero();
        assertThat(outbox.lines()).hasSize(4);
        assertThat(log.sentCount()).isEqualTo(4);
    }

    @Test
    void silencedAlertsAreNotToldAndTheRestAre() throws Exception {
        OutboxSink outbox = new OutboxSink(dir.resolve("outbox.jsonl"));
        Dispatcher dispatcher = dispatcher(outbox, (labels, route, firing, now) ->
                labels.get("segment").equals("ios") ? Optional.of("silence 1") : Optional.empty());
        dispatcher.observe(alert(incident("ios", IncidentState.OPEN)), T0);

        List<Notification> silenced = dispatcher.flush(T0.plusSeconds(60));
        dispatcher.observe(alert(incident("web", IncidentState.OPEN)), T0.plusSeconds(60));
        List<Notification> web = dispatcher.flush(T0.plusSeconds(120));

        assertThat(silenced).isEmpty();
        assertThat(web).singleElement().satisfies(n -> assertThat(n.message().alertCount()).isEqualTo(1));
        assertThat(dispatcher.suppressed(T0.plusSeconds(120)))
                .containsExactly(Map.entry(incident("ios", IncidentState.OPEN).id(), "silence 1"));
    }

    @Test
    void aSinkOutageQueuesTheMessageAndDeliversItOnceWhenTheSinkIsBack() throws Exception {
        OutboxSink outbox = new OutboxSink(dir.resolve("outbox.jsonl"));
        AtomicBoolean down = new AtomicBoolean(true);
        NotificationSink flaky = new NotificationSink() {
            @Override
            public Delivery deliver(Notification n) {
                return down.get() ? Delivery.recoverable("chat.postMessage", "http_503", null) : outbox.deliver(n);
            }

            @Override
            public Lookup lookup(Notification n, Instant loggedAt) {
                return outbox.lookup(n, loggedAt);
            }
        };
        Dispatcher dispatcher = dispatcher(flaky, Muter.none());
        dispatcher.observe(alert(incident("ios", IncidentState.OPEN)), T0);

        List<Notification> during = dispatcher.flush(T0.plusSeconds(60));
        List<Notification> stillDown = dispatcher.flush(T0.plusSeconds(120));
        down.set(false);
        List<Notification> after = dispatcher.flush(T0.plusSeconds(180));
        List<Notification> again = dispatcher.flush(T0.plusSeconds(240));

        assertThat(during).isEmpty();
        assertThat(stillDown).isEmpty();
        assertThat(log.pending()).isEmpty();
        assertThat(after).hasSize(1);
        assertThat(again).isEmpty();
        assertThat(outbox.lines()).hasSize(1);
    }

    @Test
    void aRestartAfterACrashAtAnyPointOfADeliverySendsNothingTwiceAndLosesNothing() throws Exception {
        Path file = dir.resolve("outbox.jsonl");
        // Crash 1: the message was logged as pending, then the process died before delivering it.
        Dispatcher before = dispatcher(new CrashingSink(new OutboxSink(file), false), Muter.none());
        before.observe(alert(incident("ios", IncidentState.OPEN)), T0);
        assertThat(crashes(before, T0.plusSeconds(60))).isTrue();
        // Crash 2 (after restart 1): delivered to the outbox, then died before the log said sent.
        Dispatcher restarted = dispatcher(new CrashingSink(new OutboxSink(file), true), Muter.none());
        restarted.observe(alert(incident("ios", IncidentState.OPEN)), T0.plusSeconds(90));
        assertThat(crashes(restarted, T0.plusSeconds(150))).isTrue();
        // Restart 2: healthy. The FIRING message is in the outbox once; the log catches up.
        OutboxSink outbox = new OutboxSink(file);
        Dispatcher healthy = dispatcher(outbox, Muter.none());
        healthy.observe(alert(incident("ios", IncidentState.OPEN)), T0.plusSeconds(200));
        List<Notification> caughtUp = healthy.flush(T0.plusSeconds(260));
        healthy.observe(alert(incident("ios", IncidentState.RESOLVED)), T0.plusSeconds(600));
        List<Notification> resolved = healthy.flush(T0.plusSeconds(900));
        // Restart 3 after everything was told: nothing more.
        Dispatcher idle = dispatcher(new OutboxSink(file), Muter.none());
        idle.observe(alert(incident("ios", IncidentState.RESOLVED)), T0.plusSeconds(1000));

        assertThat(caughtUp).extracting(Notification::type).containsExactly(Notification.Type.FIRING);
        assertThat(resolved).extracting(Notification::type).containsExactly(Notification.Type.RESOLVED);
        assertThat(idle.flush(T0.plusSeconds(2000))).isEmpty();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"type\":\"firing\"");
        assertThat(lines.get(1)).contains("\"type\":\"resolved\"");
        assertThat(log.pending()).isEmpty();
    }

    /** A sink that dies (throws) right before or right after delivering, like a SIGKILL would. */
    private record CrashingSink(OutboxSink outbox, boolean afterDelivery) implements NotificationSink {
        @Override
        public Delivery deliver(Notification n) {
            if (afterDelivery) {
                outbox.deliver(n);
            }
            throw new Crash();
        }

        @Override
        public Lookup lookup(Notification n, Instant loggedAt) {
            return outbox.lookup(n, loggedAt);
        }
    }

    private static final class Crash extends RuntimeException {
    }

    private Dispatcher dispatcher(NotificationSink sink, Muter suppression) {
        MessageRenderer renderer = new MessageRenderer(() -> new TrackwatchSpec(List.of(), List.of(), List.of(), "h"),
                "http://trackwatch.test/", incident -> null);
        return new Dispatcher(labels -> List.of(ROUTE), suppression, log, sink, renderer);
    }

    /** Flushes a dispatcher whose sink dies; the process "dies" with it and a test carries on with a new one. */
    private static boolean crashes(Dispatcher dispatcher, Instant at) throws InterruptedException {
        try {
            dispatcher.flush(at);
            return false;
        } catch (Crash expected) {
            return true;
        }
    }

    private static Alert alert(Incident incident) {
        return new Alert(incident.withLabels(Map.of("dataset", incident.dataset(), "kind", incident.kind(), "segment",
                incident.segment().get("platform"))));
    }

    private static Incident incident(String platform, IncidentState state) {
        return Incident.builder().id("inc-" + platform).dataset("product_events").check("volume").metric("row_count")
                .segment(Map.of("platform", platform)).kind("volume").severity(Severity.CRITICAL).owner("growth")
                .state(state).openedAt(T0).updatedAt(T0).firstBucket(T0).lastBucket(T0).observed(10.0).expected(100.0)
                .lower(80.0).upper(120.0).reason("row_count 10 is below").build();
    }
}
