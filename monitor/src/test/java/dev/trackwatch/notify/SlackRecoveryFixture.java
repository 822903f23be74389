package dev.trackwatch.notify;

import com.slack.api.Slack;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.fakes.FakeSlackApi;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentState;
import dev.trackwatch.route.Muter;
import dev.trackwatch.route.Receiver;
import dev.trackwatch.route.RouteDecision;
import dev.trackwatch.state.TestingStateDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the crash and outage tests of the delivery stage share: the fake Slack Web API behind the
 * real SDK, a notification log in its own embedded ClickHouse database, one route (receiver growth,
 * channel C0GROWTH, group_wait 30 s, group_interval 5 min) and one incident, {@code inc-ios}.
 */
final class SlackRecoveryFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-06-01T02:31:00Z");
    static final Receiver GROWTH = new Receiver("growth", "C0GROWTH", "@growth");

    final FakeSlackApi api;
    final Slack slack;
    final TestingStateDatabase state;
    final NotificationLog log;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeTime time = new FakeTime(T0);

    /** Starts the fake and the database {@code database} (each test class has its own). */
    SlackRecoveryFixture(String database, Duration clientTimeout) throws Exception {
        api = FakeSlackApi.start();
        slack = TestAlerts.slack(api, clientTimeout);
        state = TestingStateDatabase.create(database);
        log = new NotificationLog(state.dsl(), database);
    }

    /** The daemon's Slack sink: the notifier, the retry stage on a fake clock, the counters. */
    NotificationSink sink() {
        return new CountedSink(new SlackSink(TestAlerts.notifier(slack, FakeSlackApi.TOKEN),
                new RetryingSender(RetryPolicy.defaults(), ChannelRateLimiter.slackDefault(time), time)), registry);
    }

    /** A dispatcher delivering inline to {@code sink}: a fresh one is a restarted process. */
    Dispatcher dispatcher(NotificationSink sink) {
        MessageRenderer renderer = new MessageRenderer(() -> new TrackwatchSpec(List.of(), List.of(), List.of(), "h"),
                "http://trackwatch.test", incident -> null);
        return new Dispatcher(labels -> List.of(route()), Muter.none(),
                new Deliverer(log, sink, registry, FailureEscalation.NONE), renderer, DeliveryQueues.inline());
    }

    /** Runs one flush of {@code dispatcher} in which the process "dies" with {@code IllegalStateException}. */
    static void crashes(Dispatcher dispatcher, Instant at) throws InterruptedException {
        dispatcher.observe(alert(IncidentState.OPEN, at), at);
        try {
            dispatcher.flush(at.plusSeconds(30));
        } catch (IllegalStateException expected) {
            // the process "died" here
        }
    }

    /** A sink that dies (throws) before delivering: the notification stays pending in the log. */
    static NotificationSink dies() {
        return new NotificationSink() {
            @Override
            public Delivery deliver(Notification n) {
                throw new IllegalStateException("killed before delivering");
            }

            @Override
            public Lookup lookup(Notification n, Instant loggedAt) {
                return Lookup.notDelivered();
            }
        };
    }

    static RouteDecision route() {
        return new RouteDecision(GROWTH, List.of("dataset", "kind"), Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofHours(1), List.of());
    }

    static String groupKey() {
        return Dispatcher.groupKey(route(), Map.of("dataset", "product_events", "kind", "volume"));
    }

    /** Incident {@code inc-ios} (opened at {@link #T0}) in {@code state}, last updated at {@code updated}. */
    static Alert alert(IncidentState state, Instant updated) {
        Incident incident = Incident.builder().id("inc-ios").dataset("product_events").check("volume")
                .metric("row_count").segment(Map.of("platform", "ios")).kind("volume").severity(Severity.CRITICAL)
                .owner("growth").state(state).openedAt(T0).updatedAt(updated).firstBucket(T0).lastBucket(T0)
                .observed(10.0).expected(100.0).lower(80.0).upper(120.0).reason("row_count 10 is below its baseline")
                .labels(Map.of("dataset", "product_events", "kind", "volume")).build();
        return new Alert(incident);
    }

    /** Returns the lookup-abandoned counter of receiver growth (0 when never incremented). */
    double abandoned() {
        var counter = registry.find("trackwatch.notifications.lookup.abandoned").tag("receiver", "growth").counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() throws Exception {
        state.close();
        slack.close();
        api.close();
    }
}
