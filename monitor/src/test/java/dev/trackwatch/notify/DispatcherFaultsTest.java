package dev.trackwatch.notify;

import dev.trackwatch.config.Severity;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentState;
import dev.trackwatch.route.Muter;
import dev.trackwatch.route.Receiver;
import dev.trackwatch.route.RouteDecision;
import dev.trackwatch.state.TestingStateDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A flush that fails half-way leaves no group "in flight": a group whose decision throws (its chart,
 * read from ClickHouse, times out) holds up no other group, and when a delivery throws on the
 * flushing thread, the groups decided with it are told by the next flush. Against the embedded
 * ClickHouse's notification log and a real outbox file.
 */
class DispatcherFaultsTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final RouteDecision ROUTE = new RouteDecision(new Receiver("growth", "#growth-alerts", "@growth"),
            List.of("dataset"), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1), List.of());
    private static final String DB = "trackwatch_dispatcher_faults_test";

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
    void aGroupWhoseDecisionThrowsHoldsUpNoOtherGroupAndIsToldByTheNextFlush() throws Exception {
        AtomicBoolean chartsDown = new AtomicBoolean(true);
        OutboxSink outbox = new OutboxSink(dir.resolve("outbox.jsonl"));
        Dispatcher dispatcher = dispatcher(outbox, incident -> {
            if (chartsDown.get() && incident.dataset().equals("orders")) {
                throw new IllegalStateException("ClickHouse: read timed out");
            }
            return null;
        });
        dispatcher.observe(alert("product_events"), T0);
        dispatcher.observe(alert("orders"), T0);

        List<Notification> first = dispatcher.flush(T0.plusSeconds(30));
        chartsDown.set(false);
        List<Notification> next = dispatcher.flush(T0.plusSeconds(35));

        assertThat(first).extracting(Notification::groupKey).containsExactly(key("product_events"));
        assertThat(next).extracting(Notification::groupKey).containsExactly(key("orders"));
        assertThat(outbox.lines()).hasSize(2);
        assertThat(log.pending()).isEmpty();
    }

    @Test
    void aGroupDecidedAlongsideOneWhoseDeliveryThrewIsToldByTheNextFlush() throws Exception {
        AtomicBoolean logDown = new AtomicBoolean(true);
        OutboxSink outbox = new OutboxSink(dir.resolve("outbox.jsonl"));
        NotificationSink failsFirst = new NotificationSink() {
            @Override
            public Delivery deliver(Notification n) {
                if (logDown.getAndSet(false)) {
                    throw new IllegalStateException("ClickHouse: connection refused");
                }
                return outbox.deliver(n);
            }

            @Override
            public Lookup lookup(Notification n, Instant loggedAt) {
                return outbox.lookup(n, loggedAt);
            }
        };
        Dispatcher dispatcher = dispatcher(failsFirst, incident -> null);
        dispatcher.observe(alert("product_events"), T0);
        dispatcher.observe(alert("orders"), T0);

        assertThatThrownBy(() -> dispatcher.flush(T0.plusSeconds(30))).hasMessageContaining("connection refused");
        List<Notification> next = dispatcher.flush(T0.plusSeconds(35));

        assertThat(next).extracting(Notification::groupKey).containsExactlyInAnyOrder(key("product_events"),
                key("orders"));
        assertThat(outbox.lines()).hasSize(2);
        assertThat(log.pending()).isEmpty();
    }

    private Dispatcher dispatcher(NotificationSink sink, java.util.function.Function<Incident, ChartSeries> charts) {
        MessageRenderer renderer = new MessageRenderer(() -> new TrackwatchSpec(List.of(), List.of(), List.of(), "h"),
                "http://trackwatch.test/", charts);
        return new Dispatcher(labels -> List.of(ROUTE), Muter.none(), log, sink, renderer);
    }

    private static String key(String dataset) {
        return Dispatcher.groupKey(ROUTE, Map.of("dataset", dataset));
    }

    private static Alert alert(String dataset) {
        Incident incident = Incident.builder().id("inc-" + dataset).dataset(dataset).check("volume")
                .metric("row_count").segment(Map.of("platform", "ios")).kind("volume").severity(Severity.CRITICAL)
                .owner("growth").state(IncidentState.OPEN).openedAt(T0).updatedAt(T0).firstBucket(T0).lastBucket(T0)
                .observed(10.0).expected(100.0).lower(80.0).upper(120.0).reason("row_count 10 is below").build();
        return new Alert(incident.withLabels(Map.of("dataset", dataset)));
    }
}
