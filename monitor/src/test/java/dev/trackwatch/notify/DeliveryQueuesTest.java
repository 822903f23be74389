package dev.trackwatch.notify;

import com.slack.api.Slack;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.fakes.FakeSlackApi;
import dev.trackwatch.fakes.FakeSlackCall;
import dev.trackwatch.fakes.FakeSlackFailure;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery runs on a worker per receiver, outside the dispatcher's lock: while Slack hangs for one
 * receiver (or it waits out a 429's Retry-After), check runs (observe), the API (suppressed) and the next flush go on, another
 * receiver's message is delivered, and the hung receiver's backlog shows in its gauges.
 */
class DeliveryQueuesTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final String DB = "trackwatch_delivery_queues_test";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private FakeSlackApi api;
    private Slack slack;
    private TestingStateDatabase state;
    private NotificationLog log;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        api = FakeSlackApi.start();
        slack = TestAlerts.slack(api, Duration.ofMinutes(2)); // the hold, not the client, decides when a call ends
        state = TestingStateDatabase.create(DB);
        log = new NotificationLog(state.dsl(), DB);
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        state.close();
        slack.close();
        api.close();
    }

    @Test
    void aReceiverWhoseSlackHangsHoldsUpNeitherChecksNorTheApiNorAnotherReceiver() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DeliveryQueues queues = DeliveryQueues.threaded(registry, Clock.fixed(T0.plusSeconds(90), ZoneOffset.UTC));
        Dispatcher dispatcher = dispatcher(queues);
        api.holdChannel("C0GROWTH", release);
        dispatcher.observe(alert("growth", "ios", IncidentState.OPEN), T0);
        dispatcher.observe(alert("platform", "web", IncidentState.OPEN), T0);
        List<Notification> told = new ArrayList<>(dispatcher.flush(T0.plusSeconds(30)));
        awaitTrue(() -> api.heldCalls() == 1);

        // While growth's post hangs in Slack: a check run changes incidents, the API asks, the next flush runs.
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            dispatcher.observe(alert("growth", "android", IncidentState.OPEN), T0.plusSeconds(40));
            dispatcher.observe(alert("platform", "web", IncidentState.RESOLVED), T0.plusSeconds(40));
        });
        CompletableFuture<Map<String, String>> api1 = CompletableFuture.supplyAsync(() -> dispatcher.suppressed(T0));
        CompletableFuture<Map<String, String>> api2 = CompletableFuture.supplyAsync(() -> dispatcher.suppressed(T0));
        run.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(api1.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEmpty();
        assertThat(api2.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEmpty();
        awaitTrue(() -> api.messagesIn("C0PLAT").size() == 1);
        awaitTrue(() -> !queues.busy(Dispatcher.groupKey(route("platform"), labels("platform"))));
        told.addAll(dispatcher.flush(T0.plusSeconds(60)));
        assertThat(api.heldCalls()).isEqualTo(1); // all of the above happened while the post was held
        assertThat(api.messagesIn("C0GROWTH")).isEmpty();
        assertThat(registry.get("trackwatch.notifications.pending").tag("receiver", "growth").gauge().value())
                .isEqualTo(1.0);
        assertThat(registry.get("trackwatch.notifications.oldest.pending.seconds").tag("receiver", "growth").gauge()
                .value()).isEqualTo(60.0);
        assertThat(registry.get("trackwatch.notifications.pending").tag("receiver", "platform").gauge().value())
                .isZero();

        release.countDown();
        awaitTrue(() -> api.messagesIn("C0GROWTH").size() == 1);
        awaitIdle(queues);
        told.addAll(dispatcher.flush(T0.plusSeconds(400)));
        awaitIdle(queues);
        told.addAll(dispatcher.flush(T0.plusSeconds(401)));
        queues.close();

        assertThat(told).extracting(n -> n.receiver() + " " + n.type()).containsExactlyInAnyOrder(
                "platform FIRING", "growth FIRING", "growth UPDATE", "platform RESOLVED");
        assertThat(registry.get("trackwatch.notifications.pending").tag("receiver", "growth").gauge().value()).isZero();
        assertThat(log.pending()).isEmpty();
    }

    @Test
    void aReceiverWaitingOutSlacksRetryAfterHoldsUpNeitherChecksNorTheApiNorAnotherReceiver() throws Exception {
        api.failNext("chat.postMessage", 1, FakeSlackFailure.rateLimited(30));
        FakeTime time = new FakeTime(T0);
        CountDownLatch waiting = new CountDownLatch(1);
        Sleeper retryAfterBlocks = duration -> {
            if (duration.equals(Duration.ofSeconds(30))) {
                waiting.countDown();
                release.await(); // the 30 s Retry-After, for as long as the test wants
            }
            time.sleep(duration);
        };
        DeliveryQueues queues = DeliveryQueues.threaded(null, Clock.systemUTC());
        Dispatcher dispatcher = dispatcher(queues, new RetryingSender(RetryPolicy.defaults(),
                ChannelRateLimiter.slackDefault(time), retryAfterBlocks));
        dispatcher.observe(alert("growth", "ios", IncidentState.OPEN), T0);
        dispatcher.flush(T0.plusSeconds(30));
        assertThat(waiting.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> run = CompletableFuture.runAsync(
                () -> dispatcher.observe(alert("platform", "web", IncidentState.OPEN), T0.plusSeconds(40)));
        CompletableFuture<Map<String, String>> suppressed = CompletableFuture.supplyAsync(() -> dispatcher.suppressed(T0));
        run.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(suppressed.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEmpty();
        dispatcher.flush(T0.plusSeconds(70));
        awaitTrue(() -> api.messagesIn("C0PLAT").size() == 1);
        assertThat(api.messagesIn("C0GROWTH")).isEmpty(); // still waiting out its Retry-After

        release.countDown();
        awaitTrue(() -> api.messagesIn("C0GROWTH").size() == 1);
        queues.close();
        assertThat(api.calls("chat.postMessage")).extracting(FakeSlackCall::status).containsExactly(429, 200, 200);
    }

    private Dispatcher dispatcher(DeliveryQueues queues) {
        FakeTime time = new FakeTime(T0);
        return dispatcher(queues, new RetryingSender(RetryPolicy.defaults(), ChannelRateLimiter.slackDefault(time), time));
    }

    private Dispatcher dispatcher(DeliveryQueues queues, RetryingSender sender) {
        NotificationSink sink = new SlackSink(TestAlerts.notifier(slack, FakeSlackApi.TOKEN), sender);
        MessageRenderer renderer = new MessageRenderer(() -> new TrackwatchSpec(List.of(), List.of(), List.of(), "h"),
                "http://trackwatch.test", incident -> null);
        return new Dispatcher(labels -> List.of(route(labels.get("team"))), Muter.none(), new Deliverer(log, sink),
                renderer, queues);
    }

    static RouteDecision route(String team) {
        String channel = team.equals("growth") ? "C0GROWTH" : "C0PLAT";
        return new RouteDecision(new Receiver(team, channel, "@" + team), List.of("team"), Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofHours(1), List.of());
    }

    private static Map<String, String> labels(String team) {
        return Map.of("team", team, "dataset", "product_events", "kind", "volume");
    }

    static Alert alert(String team, String platform, IncidentState state) {
        Incident incident = Incident.builder().id("inc-" + team + "-" + platform).dataset("product_events")
                .check("volume").metric("row_count").segment(Map.of("platform", platform)).kind("volume")
                .severity(Severity.CRITICAL).owner(team).state(state).openedAt(T0).updatedAt(T0).firstBucket(T0)
                .lastBucket(T0).observed(10.0).expected(100.0).lower(80.0).upper(120.0)
                .reason("row_count 10 is below its baseline").labels(labels(team)).build();
        return new Alert(incident);
    }

    private static void awaitIdle(DeliveryQueues queues) throws InterruptedException {
        awaitTrue(() -> !queues.busy(Dispatcher.groupKey(route("growth"), labels("growth")))
                && !queues.busy(Dispatcher.groupKey(route("platform"), labels("platform"))));
    }

    /** Polls {@code condition} until it holds or {@link #DEADLINE} passes. */
    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %s", DEADLINE).isLessThan(end);
            Thread.sleep(20);
        }
    }
}
