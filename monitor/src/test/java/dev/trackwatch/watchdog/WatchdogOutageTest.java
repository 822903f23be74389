package dev.trackwatch.watchdog;

import dev.trackwatch.clickhouse.ClickHouseConfiguration;
import dev.trackwatch.clickhouse.ClickHouseFactory;
import dev.trackwatch.clickhouse.ClickHouseHealthIndicator;
import dev.trackwatch.embedded.EmbeddedClickHouseServer;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.notify.OutboxSink;
import dev.trackwatch.route.Receiver;
import dev.trackwatch.run.BlindTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: during a ClickHouse outage nothing reached Slack, because incidents and the
 * notification log live in that ClickHouse. The watchdog probes an endpoint of the embedded
 * ClickHouse that the test stops and starts again; it tells the platform receiver (here the
 * outbox) exactly one FIRING once the outage outlasts the threshold, a restarted watchdog on the
 * same state file does not repeat it, and recovery tells exactly one RESOLVED, in the FIRING's thread.
 */
class WatchdogOutageTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final List<Receiver> PLATFORM = List.of(new Receiver("platform", "#data-platform", null));

    @TempDir
    Path dir;

    @Test
    void anOutageIsToldOnceAcrossRestartsAndItsEndOnce() throws Exception {
        EmbeddedClickHouseServer server = EmbeddedClickHouseServer.start(TestingClickHouse.embedded().engine(),
                EmbeddedClickHouseServer.Options.loopback(0));
        int port = server.port();
        ClickHouseConfiguration clickHouse = new ClickHouseConfiguration();
        // The daemon's probe: the health indicator's, on connections of its own (run by hand here, not scheduled).
        ClickHouseHealthIndicator probe = new ClickHouseHealthIndicator(ClickHouseFactory.unpooled(clickHouse,
                server.jdbcUrl("default")), clickHouse);
        Path outbox = dir.resolve("outbox.jsonl");
        Path stateFile = dir.resolve("watchdog.json");
        try {
            Watchdog first = watchdog(stateFile, outbox);
            round(first, probe, T0);
            boolean reachableAtFirst = first.reachable();

            server.close();
            round(first, probe, T0.plusSeconds(15));
            List<String> belowThreshold = new OutboxSink(outbox).lines();
            round(first, probe, T0.plusSeconds(15 + 120));
            round(first, probe, T0.plusSeconds(30 + 120));
            List<String> afterThreshold = new OutboxSink(outbox).lines();
            boolean firing = first.firing();
            boolean reachableDuring = first.reachable();

            Watchdog restarted = watchdog(stateFile, outbox);
            round(restarted, probe, T0.plusSeconds(200));
            List<String> afterRestart = new OutboxSink(outbox).lines();
            List<BlindTime.Span> openSpans = restarted.spans();

            server = EmbeddedClickHouseServer.start(TestingClickHouse.embedded().engine(),
                    EmbeddedClickHouseServer.Options.loopback(port));
            round(restarted, probe, T0.plusSeconds(215));
            round(restarted, probe, T0.plusSeconds(230));
            round(watchdog(stateFile, outbox), probe, T0.plusSeconds(245));
            List<String> afterRecovery = new OutboxSink(outbox).lines();

            assertThat(reachableAtFirst).isTrue();
            assertThat(belowThreshold).as("unreachable for 15 s of the 2 min threshold").isEmpty();
            assertThat(afterThreshold).singleElement().satisfies(line -> {
                assertThat(line).contains("\"type\":\"firing\"", "\"receiver\":\"platform\"",
                        "\"channel\":\"#data-platform\"", "\"severity\":\"critical\"",
                        "Trackwatch cannot reach ClickHouse");
            });
            assertThat(firing).isTrue();
            assertThat(reachableDuring).isFalse();
            assertThat(afterRestart).as("a restart does not tell it again").isEqualTo(afterThreshold);
            assertThat(openSpans).singleElement().satisfies(s -> {
                assertThat(s.from()).isEqualTo(T0);
                assertThat(s.to()).isNull();
            });
            assertThat(afterRecovery).hasSize(2);
            assertThat(afterRecovery.get(1)).contains("\"type\":\"resolved\"", "\"receiver\":\"platform\"",
                    "\"thread_ts\":\"" + id(afterRecovery.get(0)) + "\"");
            assertThat(restarted.spans()).containsExactly(new BlindTime.Span(T0, T0.plusSeconds(215)));
            assertThat(restarted.firing()).isFalse();
        } finally {
            server.close();
        }
    }

    @Test
    void aMessageHandedToTheSinkBeforeACrashIsLookedUpNotRepeated() throws Exception {
        Path outbox = dir.resolve("outbox.jsonl");
        Path stateFile = dir.resolve("watchdog.json");
        Watchdog first = watchdog(stateFile, outbox);
        first.observe(null, T0);
        first.observe("Connection refused", T0.plusSeconds(15));
        first.tick(T0.plusSeconds(200));
        // A crash after the outbox took the FIRING but before the state said so: the file says pending.
        String sent = java.nio.file.Files.readString(stateFile);
        StateFile file = new StateFile(stateFile);
        WatchdogState s = file.read();
        WatchdogState.Told told = s.outage().told().getFirst();
        file.write(new WatchdogState(s.lastReachable(), s.downSince(), s.reason(), s.blind(),
                new WatchdogState.Outage(s.outage().since(), s.outage().reason(), List.of(new WatchdogState.Told(
                        told.receiver(), told.channel(), told.mention(), WatchdogState.Step.PENDING, null,
                        WatchdogState.Step.NONE, T0.plusSeconds(200))))));

        Watchdog restarted = watchdog(stateFile, outbox);
        restarted.observe("Connection refused", T0.plusSeconds(215));
        restarted.tick(T0.plusSeconds(215));

        assertThat(sent).contains("SENT");
        assertThat(new OutboxSink(outbox).lines()).singleElement().asString().contains("\"type\":\"firing\"");
        assertThat(new StateFile(stateFile).read().outage().told().getFirst().firing())
                .isEqualTo(WatchdogState.Step.SENT);
    }

    /**
     * A ClickHouse that flaps (back for 20 s, gone again, back) inside the 30 s it must stay up is one
     * outage: one FIRING, and one RESOLVED only once it has answered for 30 s.
     */
    @Test
    void aFlappingClickHouseIsOneOutageResolvedOnlyOnceItStaysUp() throws Exception {
        Path outbox = dir.resolve("flap-outbox.jsonl");
        Watchdog watchdog = watchdog(dir.resolve("flap.json"), outbox);
        watchdog.observe(null, T0);
        watchdog.tick(T0);
        watchdog.observe("Connection refused", T0.plusSeconds(10));
        watchdog.tick(T0.plusSeconds(140));
        List<String> told = new OutboxSink(outbox).lines();

        watchdog.observe(null, T0.plusSeconds(150));
        watchdog.tick(T0.plusSeconds(160));
        List<String> backBriefly = new OutboxSink(outbox).lines();
        watchdog.observe("Connection refused", T0.plusSeconds(170));
        watchdog.tick(T0.plusSeconds(175));
        watchdog.observe(null, T0.plusSeconds(200));
        watchdog.tick(T0.plusSeconds(215));
        List<String> settling = new OutboxSink(outbox).lines();
        watchdog.tick(T0.plusSeconds(231));
        watchdog.tick(T0.plusSeconds(300));
        List<String> after = new OutboxSink(outbox).lines();

        assertThat(told).singleElement().satisfies(l -> assertThat(l).contains("\"type\":\"firing\""));
        assertThat(backBriefly).as("back for 10 s of the 30 s: not resolved yet").isEqualTo(told);
        assertThat(settling).as("the second failure continued the outage: no second FIRING").isEqualTo(told);
        assertThat(after).hasSize(2);
        assertThat(after.get(1)).contains("\"type\":\"resolved\"");
    }

    private static Watchdog watchdog(Path stateFile, Path outbox) {
        return new Watchdog(stateFile, new OutboxSink(outbox), () -> PLATFORM, Duration.ofMinutes(2),
                Duration.ofSeconds(30), "http://localhost/runbooks/monitor-fault.md");
    }

    /** One watchdog round at {@code at}: the probe's evidence, then what is due. */
    private static void round(Watchdog watchdog, ClickHouseHealthIndicator probe, Instant at) throws InterruptedException {
        probe.probe();
        watchdog.observe(probe.lastProbe().error(), at);
        watchdog.tick(at);
    }

    private static String id(String line) {
        int at = line.indexOf("\"id\":\"") + 6;
        return line.substring(at, line.indexOf('"', at));
    }
}
