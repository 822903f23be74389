package dev.trackwatch.notify;

import dev.trackwatch.state.StateDatabase;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.incidents.IncidentStage;
import dev.trackwatch.run.RunConfiguration;
import dev.trackwatch.schedule.ChecksHolder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon's incident and notification stages wired as in production, with the repo's own
 * checks/ (teams, routing.yaml) and runbooks: stale data inhibits the volume alert of the same
 * dataset, a monitor fault goes to the platform team, every message links its kind's runbook.
 */
class NotificationServiceTest {

    private static final Instant T = Instant.parse("2026-06-01T10:01:00Z");

    @TempDir
    Path dir;

    private Connection connection;
    private DSLContext dsl;
    /** What the alert stages hear of reloads: the holders below publish to it, as the daemon's context does. */
    private final RunningConfig config = new RunningConfig();

    @BeforeEach
    void freshStateDatabase() throws Exception {
        connection = TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"), new Properties());
        dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
        dsl.execute("DROP DATABASE IF EXISTS trackwatch");
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    /** The checks tree in {@code tree}, loaded as the daemon loads it, its reloads published to {@link #config}. */
    private ChecksHolder checks(Path tree) {
        RunConfiguration run = new RunConfiguration();
        run.setChecksDir(tree);
        ChecksHolder checks = new ChecksHolder(run, new SimpleMeterRegistry(), config::onApplicationEvent);
        checks.reload();
        return checks;
    }

    /** The alert stages as the daemon wires them (see {@link AlertStores}), delivering to an outbox file. */
    private NotificationService service() {
        return service(outbox -> new AlertStores().notificationSink(outbox, Optional.empty(), Optional.empty(),
                Optional.empty()));
    }

    /** The same stages delivering to the sink {@code sink} makes of their outbox (the one in {@link #dir}). */
    private NotificationService service(java.util.function.Function<OutboxSink, NotificationSink> sink) {
        StateDatabase database = new StateDatabase(StateDatabase.DEFAULT);
        AlertStores stores = new AlertStores();
        OutboxSink outbox = stores.outboxSink(dir.resolve("outbox.jsonl"));
        return new NotificationService(new IncidentStage(stores.incidentStore(dsl, database), 2, "platform"), config,
                stores.silenceStore(dsl, database), stores.notificationLog(dsl, database), sink.apply(outbox), outbox,
                dsl, database, "https://trackwatch.example.test");
    }

    @Test
    void freshnessInhibitsVolumeAndMonitorFaultsGoToThePlatformTeam() throws Exception {
        ChecksHolder checks = checks(Path.of("../checks"));
        TrackwatchSpec spec = checks.current();
        NotificationService service = service();
        DatasetSpec events = spec.dataset("product_events").orElseThrow();
        DatasetSpec live = spec.dataset("product_events_live").orElseThrow();

        service.onResults(spec, events, List.of(
                result("product_events", "freshness", "freshness", "platform", "max_event_time", Map.of()),
                result("product_events", "volume", "volume", "growth", "row_count", Map.of("platform", "ios"))), T);
        service.onResults(spec, live, List.of(new CheckResult("product_events_live", "volume_5m", "volume",
                Severity.CRITICAL, "growth", Outcome.NOT_EVALUATED, null, Map.of(), null, null,
                "ClickHouse unavailable: Connection refused", true)), T);
        List<Notification> early = service.flushAt(T.plusSeconds(10));
        List<Notification> sent = service.flushAt(T.plusSeconds(31));

        assertThat(early).isEmpty();
        assertThat(sent).extracting(n -> n.channel() + " " + n.message().title()).containsExactlyInAnyOrder(
                "#data-platform Data is stale on product_events",
                "#data-platform Trackwatch cannot check product_events_live: ClickHouse unavailable: Connection refused");
        assertThat(sent).extracting(n -> n.message().runbookUrl()).containsExactlyInAnyOrder(
                "https://trackwatch.example.test/runbooks/freshness.md",
                "https://trackwatch.example.test/runbooks/monitor-fault.md");
        assertThat(service.incidents().list(true, 10)).hasSize(3); // the volume incident exists, only muted
        assertThat(service.outbox()).hasSize(2);
    }

    @Test
    void lateIosEventsHoldBackIosVolumeButNoAlertWithoutAPlatform() throws Exception {
        ChecksHolder checks = checks(Path.of("../checks"));
        TrackwatchSpec spec = checks.current();
        NotificationService service = service();

        service.onResults(spec, spec.dataset("product_events").orElseThrow(), List.of(
                result("product_events", "latency", "latency", "platform", "latency_p95_seconds", Map.of("platform", "ios")),
                result("product_events", "latency", "latency", "platform", "latency_p95_seconds", Map.of()),
                result("product_events", "volume", "volume", "growth", "row_count", Map.of("platform", "ios")),
                result("product_events", "volume", "volume", "growth", "row_count", Map.of("platform", "android")),
                result("product_events", "page_path_cardinality", "cardinality", "growth", "distinct:page_path",
                        Map.of())), T);
        List<Notification> sent = service.flushAt(T.plusSeconds(31));

        Map<String, String> suppressed = service.suppressed(T.plusSeconds(31));
        assertThat(service.incidents().list(true, 10)).hasSize(5)
                .filteredOn(i -> suppressed.containsKey(i.id())).singleElement().satisfies(i -> {
                    assertThat(i.check()).isEqualTo("volume");
                    assertThat(i.segment()).isEqualTo(Map.of("platform", "ios"));
                    assertThat(suppressed.get(i.id())).startsWith("inhibit_rules[1]: ").contains("platform=\"ios\"");
                });
        assertThat(sent).extracting(n -> n.message().title()).containsExactlyInAnyOrder(
                "Ingestion latency rose on product_events {platform=ios}",
                "Volume spiked on product_events {platform=android}", // observed 1 with no baseline: "spiked"
                "Cardinality of page_path spiked on product_events");
    }

    @Test
    void aRejectedReloadIsAMonitorFaultForThePlatformTeamUntilAReloadApplies() throws Exception {
        Path tree = dir.resolve("checks");
        copyTree(Path.of("../checks"), tree);
        ChecksHolder checks = checks(tree);
        String good = checks.current().hash();
        NotificationService service = service();
        Path teams = tree.resolve("teams.yaml");
        String original = Files.readString(teams);
        Files.writeString(teams, original + "\nescalation: pager\n");

        assertThat(checks.reload().applied()).isFalse();
        List<Notification> early = service.flushAt(T);
        List<Notification> firing = service.flushAt(T.plusSeconds(31));
        Files.writeString(teams, original);
        assertThat(checks.reload().applied()).isTrue();
        List<Notification> resolved = service.flushAt(T.plus(java.time.Duration.ofMinutes(6)));

        assertThat(early).isEmpty();
        assertThat(firing).singleElement().satisfies(n -> {
            assertThat(n.channel()).isEqualTo("#data-platform");
            assertThat(n.message().title()).isEqualTo("Trackwatch is running its last good config: the checks "
                    + "directory was rejected with 1 error; still running config " + good.substring(0, 12)
                    + ": teams.yaml:" + (original.lines().count() + 2) + ":1: unknown key 'escalation' at the top level");
            assertThat(n.message().runbookUrl()).isEqualTo("https://trackwatch.example.test/runbooks/monitor-fault.md");
        });
        assertThat(resolved).singleElement().satisfies(n -> assertThat(n.type()).isEqualTo(Notification.Type.RESOLVED));
        assertThat(service.incidents().list(false, 10)).singleElement().satisfies(i -> {
            assertThat(i.dataset()).isEqualTo("checks/");
            assertThat(i.state()).isEqualTo(dev.trackwatch.incidents.IncidentState.RESOLVED);
        });
    }

    @Test
    void aResolutionNotYetToldWhenTheDaemonDiesIsToldOnceAfterTheRestart() throws Exception {
        Path tree = dir.resolve("checks");
        copyTree(Path.of("../checks"), tree);
        ChecksHolder checks = checks(tree);
        NotificationService before = service();
        Path teams = tree.resolve("teams.yaml");
        String original = Files.readString(teams);
        Files.writeString(teams, original + "\nescalation: pager\n");
        assertThat(checks.reload().applied()).isFalse();
        before.flushAt(T);
        List<Notification> firing = before.flushAt(T.plusSeconds(31));
        Files.writeString(teams, original);
        assertThat(checks.reload().applied()).isTrue();
        // The incident resolves here; its RESOLVED waits group_interval, and the daemon dies meanwhile.
        List<Notification> tooSoon = before.flushAt(T.plusSeconds(60));

        NotificationService restarted = service();
        List<Notification> resolved = restarted.flushAt(T.plus(java.time.Duration.ofMinutes(6)));
        List<Notification> again = service().flushAt(T.plus(java.time.Duration.ofMinutes(20)));

        assertThat(firing).extracting(Notification::type).containsExactly(Notification.Type.FIRING);
        assertThat(tooSoon).isEmpty();
        assertThat(service().incidents().list(true, 10)).isEmpty();
        assertThat(resolved).singleElement().satisfies(n -> assertThat(n.type()).isEqualTo(Notification.Type.RESOLVED));
        assertThat(again).isEmpty();
        assertThat(restarted.outbox()).hasSize(2);
    }

    @Test
    void aResolvedStillPendingWhenTheDaemonDiesIsToldAfterTheRestart() throws Exception {
        Path tree = dir.resolve("checks");
        copyTree(Path.of("../checks"), tree);
        ChecksHolder checks = checks(tree);
        // The RESOLVED is decided and logged pending, but its sink cannot take it before the daemon dies.
        NotificationService before = service(NotificationServiceTest::resolvedNeverArrives);
        Path teams = tree.resolve("teams.yaml");
        String original = Files.readString(teams);
        Files.writeString(teams, original + "\nescalation: pager\n");
        assertThat(checks.reload().applied()).isFalse();
        before.flushAt(T);
        before.flushAt(T.plusSeconds(31));
        Files.writeString(teams, original);
        assertThat(checks.reload().applied()).isTrue();
        List<Notification> keptBack = before.flushAt(T.plus(java.time.Duration.ofMinutes(6)));
        NotificationLog log = new AlertStores().notificationLog(dsl, new StateDatabase(StateDatabase.DEFAULT));
        assertThat(log.pending()).singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo(Notification.Type.RESOLVED));

        NotificationService restarted = service();
        List<Notification> resolved = restarted.flushAt(T.plus(java.time.Duration.ofMinutes(7)));

        assertThat(keptBack).isEmpty();
        assertThat(resolved).singleElement().satisfies(n -> assertThat(n.type()).isEqualTo(Notification.Type.RESOLVED));
        assertThat(log.pending()).isEmpty();
        assertThat(restarted.outbox()).hasSize(2);
    }

    /** A sink that delivers everything but RESOLVED messages, which fail as an outage would fail them. */
    private static NotificationSink resolvedNeverArrives(OutboxSink outbox) {
        return new NotificationSink() {
            @Override
            public Delivery deliver(Notification n) {
                return n.type() == Notification.Type.RESOLVED ? Delivery.recoverable("outbox", "io_error", null)
                        : outbox.deliver(n);
            }

            @Override
            public Lookup lookup(Notification n, Instant loggedAt) {
                return outbox.lookup(n, loggedAt);
            }
        };
    }

    @Test
    void onTheDaemonsWorkersAReceiverThatFailsForGoodIsToldToTheConfigOwnersChannel() throws Exception {
        TrackwatchSpec spec = checks(Path.of("../checks")).current();
        try (dev.trackwatch.fakes.FakeSlackApi api = dev.trackwatch.fakes.FakeSlackApi.start();
             com.slack.api.Slack slack = TestAlerts.slack(api, java.time.Duration.ofSeconds(5))) {
            api.failNext("chat.postMessage", 1, dev.trackwatch.fakes.FakeSlackFailure.error("channel_not_found"));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            FakeTime time = new FakeTime(T);
            NotificationSink toSlack = new CountedSink(new SlackSink(TestAlerts.notifier(slack,
                    dev.trackwatch.fakes.FakeSlackApi.TOKEN), new RetryingSender(RetryPolicy.defaults(),
                    ChannelRateLimiter.slackDefault(time), time)), registry);
            StateDatabase database = new StateDatabase(StateDatabase.DEFAULT);
            AlertStores stores = new AlertStores();
            OutboxSink outbox = stores.outboxSink(dir.resolve("outbox.jsonl"));
            DeliveryQueues queues = DeliveryQueues.threaded(registry, java.time.Clock.systemUTC());
            NotificationService service = new NotificationService(new IncidentStage(stores.incidentStore(dsl, database),
                    2, "platform"), config, stores.silenceStore(dsl, database), stores.notificationLog(dsl, database),
                    toSlack, outbox, dsl, database, "https://trackwatch.example.test",
                    new AlertPipeline.Delivering(queues, registry, "platform", outbox));
            try {
                service.onResults(spec, spec.dataset("product_events").orElseThrow(), List.of(result("product_events",
                        "volume", "volume", "growth", "row_count", Map.of("platform", "android"))), T);
                service.flushAt(T.plusSeconds(1));
                service.flushAt(T.plusSeconds(31));
                DeliveryQueuesTest.awaitTrue(() -> !api.messagesIn("#data-platform").isEmpty());
            } finally {
                service.close();
            }

            assertThat(api.messagesIn("#data-platform")).singleElement().satisfies(m -> assertThat(m.text())
                    .contains("Trackwatch cannot deliver to receiver growth (#growth-alerts): channel_not_found"));
            assertThat(registry.get("trackwatch.notifications.failed").tag("receiver", "growth")
                    .tag("permanent", "true").counter().count()).isEqualTo(1.0);
            assertThat(outbox.lines()).isEmpty();
        }
    }

    private static void copyTree(Path source, Path target) throws java.io.IOException {
        try (var files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
    }

    private static CheckResult result(String dataset, String check, String type, String owner, String metric,
                                      Map<String, String> segment) {
        return new CheckResult(dataset, check, type, Severity.CRITICAL, owner, Outcome.FAILED, metric, segment,
                Instant.parse("2026-06-01T09:00:00Z"), 1.0, check + " failed", false);
    }
}
