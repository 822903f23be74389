package dev.trackwatch.notify;

import dev.trackwatch.cli.TrackwatchCli;
import dev.trackwatch.embedded.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo daemon killed with SIGKILL three times, at different points of its first minutes
 * (seeding, the first runs, opening incidents, delivering to the outbox), then left to run: the
 * outbox ends with no notification twice and a first message for every incident that is open.
 */
class SigkillRestartTest {

    private static final Pattern INCIDENT = Pattern.compile("\"dataset\":\"([^\"]+)\",\"check\":\"([^\"]+)\".*?\"kind\":\"([^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void killingTheDaemonAtAnyPointNeitherRepeatsNorLosesANotification() throws Exception {
        Path checks = copyChecksWithShortGroupWait();
        Path data = dir.resolve("demo");
        int port = freePort();
        // Kill points in seconds after start: during seeding and the first backfill, around the first
        // incidents and their group_wait, and while messages are being delivered.
        for (int seconds : List.of(6, 17, 26)) {
            ChildJvm demo = start(checks, data, port);
            Thread.sleep(seconds * 1000L);
            demo.kill();
        }
        List<String> lines;
        String incidents;
        try (ChildJvm demo = start(checks, data, port)) {
            // The first scheduled run of the restarted daemon; earlier runs may already have told everything.
            demo.awaitLine(Pattern.compile("CheckScheduler - (FAILED|WARN) "), Duration.ofMinutes(3));
            lines = awaitQuietOutbox(data.resolve("outbox.jsonl"));
            incidents = get("http://127.0.0.1:" + port + "/api/incidents");
        }

        List<String> ids = lines.stream().map(l -> field(l, "id")).toList();
        assertThat(ids).doesNotHaveDuplicates().isNotEmpty();
        List<String> firingGroups = lines.stream().filter(l -> l.contains("\"type\":\"firing\""))
                .map(l -> field(l, "group")).toList();
        assertThat(firingGroups).doesNotHaveDuplicates();
        Set<String> told = new HashSet<>(firingGroups);
        boolean stale = incidents.contains("\"kind\":\"freshness\"");
        Matcher m = INCIDENT.matcher(incidents);
        int open = 0;
        while (m.find()) {
            String kind = m.group(3);
            if (stale && kind.matches("volume|null_rate|cardinality")) {
                continue; // inhibited by the freshness incident, by design
            }
            open++;
            String check = m.group(2);
            assertThat(told).as("a first message for %s/%s", m.group(1), check)
                    .anyMatch(g -> g.contains("check=" + check + ",") && g.contains("dataset=" + m.group(1) + ","));
        }
        assertThat(open).isPositive();
    }

    private ChildJvm start(Path checks, Path data, int port) {
        return ChildJvm.start(List.of("-Xmx768m", "-XX:TieredStopAtLevel=1",
                        "-Dtrackwatch.run.checks-dir=" + checks, "-Dtrackwatch.notify.flush-interval=1s"),
                TrackwatchCli.class.getName(), "demo", "--data-dir", data.toString(), "--port", String.valueOf(port));
    }

    /** The repo's checks with a 2 s group_wait, so that the first messages come while the test watches. */
    private Path copyChecksWithShortGroupWait() throws IOException {
        Path source = Path.of("../checks").toAbsolutePath().normalize();
        Path target = dir.resolve("checks");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.writeString(to, Files.readString(file).replace("group_wait: 30s", "group_wait: 2s"));
                }
            }
        }
        return target;
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

    private static String get(String url) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
