package dev.trackwatch.schedule;

import dev.trackwatch.bench.ChildProcess;
import dev.trackwatch.cli.TrackwatchCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -HUP} of a running {@code serve} reloads the checks directory and the daemon lives
 * on, as with Prometheus and Alertmanager (the JVM's default would shut it down).
 */
class HangupReloadTest {

    @TempDir
    Path dir;

    @Test
    void sighupReloadsTheChecksAndTheDaemonKeepsRunning() throws Exception {
        Path checks = Files.createDirectories(dir.resolve("checks"));
        writeDatasets(checks, "a");
        // A poll interval of an hour, so that only the signal can explain the second load.
        try (ChildProcess serve = ChildProcess.start(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1",
                        "-Dtrackwatch.run.checks-dir=" + checks, "-Dtrackwatch.run.reload-poll-interval=1h"),
                TrackwatchCli.class.getName(), "serve", "--embedded", "--data", dir.resolve("data").toString(),
                "--port", String.valueOf(freePort()))) {
            // Both are server-startup listeners, called in no fixed order: wait for the two lines in either.
            Pattern startup = Pattern.compile("(checks: loaded config \\w+ \\(1 datasets\\))|(SIGHUP reloads the checks directory)");
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            while (seen.size() < 2) {
                var m = serve.awaitLine(startup, Duration.ofMinutes(3));
                seen.add(m.group(1) != null ? 1 : 2);
            }
            writeDatasets(checks, "a", "b");

            new ProcessBuilder("kill", "-HUP", String.valueOf(serve.pid())).inheritIO().start().waitFor();

            serve.awaitLine(Pattern.compile("checks: loaded config \\w+ \\(2 datasets\\)"), Duration.ofMinutes(1));
            serve.awaitLine(Pattern.compile("checks: SIGHUP reload applied config \\w+"), Duration.ofMinutes(1));
            assertThat(ProcessHandle.of(serve.pid()).map(ProcessHandle::isAlive)).as(serve.output()).contains(true);
        }
    }

    private static void writeDatasets(Path checks, String... names) throws IOException {
        StringBuilder yaml = new StringBuilder("teams:\n  - name: growth\n    slack_channel: \"#growth-alerts\"\n"
                + "    datasets: [" + String.join(", ", names) + "]\ndatasets:\n");
        for (String name : names) {
            yaml.append("  - name: ").append(name).append("\n    table: demo.events\n    event_time: event_time\n"
                    + "    checks:\n      - type: volume\n");
        }
        Files.writeString(checks.resolve("checks.yaml"), yaml);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
