package dev.trackwatch.notify;

import dev.trackwatch.bench.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo daemon killed with SIGKILL three times, at different points of its first minutes
 * (seeding, the first runs, opening incidents, delivering to the outbox), then left to run: the
 * outbox ends with no notification twice, a first message for every open incident that is not
 * suppressed, and nothing for the demo's silenced check or for alerts an inhibit rule holds back.
 */
class SigkillRestartTest {

    @TempDir
    Path dir;

    @Test
    void killingTheDaemonAtAnyPointNeitherRepeatsNorLosesANotification() throws Exception {
        TestingDemoDaemon daemon = new TestingDemoDaemon(dir, Map.of());
        // Kill points in seconds after start: during seeding and the first backfill, around the first
        // incidents and their group_wait, and while messages are being delivered.
        for (int seconds : List.of(6, 17, 26)) {
            ChildProcess demo = daemon.start();
            Thread.sleep(seconds * 1000L);
            demo.kill();
        }
        List<String> lines;
        List<TestingDemoDaemon.OpenIncident> open;
        try (ChildProcess demo = daemon.start()) {
            // The first scheduled run of the restarted daemon; earlier runs may already have told everything.
            demo.awaitLine(Pattern.compile("CheckScheduler - (FAILED|WARN) "), Duration.ofMinutes(3));
            lines = awaitQuietOutbox(daemon.outbox());
            open = daemon.openIncidents();
        }

        List<String> ids = lines.stream().map(l -> field(l, "id")).toList();
        assertThat(ids).doesNotHaveDuplicates().isNotEmpty();
        List<String> firingGroups = lines.stream().filter(l -> l.contains("\"type\":\"firing\""))
                .map(l -> field(l, "group")).toList();
        assertThat(firingGroups).doesNotHaveDuplicates();
        Set<String> told = new HashSet<>(firingGroups);
        assertThat(open).filteredOn(i -> i.suppressed() == null).isNotEmpty().allSatisfy(i ->
                assertThat(told).as("a first message for %s/%s", i.dataset(), i.check())
                        .anyMatch(g -> TestingDemoDaemon.groupOf(g, i.datasetAndCheck())));
        // The demo silences its purchases check on first start: the incident is open, nothing is told.
        assertThat(open).filteredOn(i -> i.check().equals("purchases")).isNotEmpty()
                .allSatisfy(i -> assertThat(i.suppressed()).startsWith("silence "));
        assertThat(told).noneMatch(g -> g.contains("check=purchases,"));
        // iOS events arrive 45 minutes to 3 hours late in the demo's last hour (whenever the demo
        // starts, part of them has landed late and part is missing): the iOS latency alert holds back
        // iOS volume and session-cardinality alerts (routing.yaml), which are open but not told.
        assertThat(open).filteredOn(i -> i.suppressed() != null && i.suppressed().contains("is firing"))
                .extracting(TestingDemoDaemon.OpenIncident::kind).isNotEmpty().containsAnyOf("volume", "cardinality");
    }

    /** Waits until the outbox has not grown for 15 s, and returns its lines. */
    private static List<String> awaitQuietOutbox(Path outbox) throws Exception {
        long size = -1;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            long now = Files.exists(outbox) ? Files.size(outbox) : 0;
            if (now == size && now > 0) {
                return Files.readAllLines(outbox);
            }
            size = now;
            Thread.sleep(15_000);
        }
        throw new AssertionError("the outbox kept growing for 3 minutes");
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
