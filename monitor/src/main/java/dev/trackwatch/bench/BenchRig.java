package dev.trackwatch.bench;

import dev.trackwatch.fakes.FakeSlackApi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What every fault drill runs against: the embedded ClickHouse in its own process ({@code trackwatch
 * clickhouse}), a {@link FaultProxy} in front of it through which the daemons reach it, the fake Slack
 * Web API, and a copy of the checks tree with the time scaled down (each dataset's {@code interval:}
 * becomes {@link #interval()}, {@code group_wait} 2 s). The bench itself reads ClickHouse directly,
 * past the proxy, to see what the daemon stored.
 */
public final class BenchRig implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    private final Path dir;
    private final Duration interval;
    private final Path checks;
    private final ChildProcess clickhouse;
    private final int clickhousePort;
    private final FaultProxy proxy;
    private FakeSlackApi slack;
    private final String apiToken = "bench-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int[] ports;
    private int nextPort;

    private BenchRig(Path dir, Duration interval, Path checks, ChildProcess clickhouse, int clickhousePort,
                     FaultProxy proxy, FakeSlackApi slack, int[] ports) {
        this.dir = dir;
        this.interval = interval;
        this.checks = checks;
        this.clickhouse = clickhouse;
        this.clickhousePort = clickhousePort;
        this.proxy = proxy;
        this.slack = slack;
        this.ports = ports;
    }

    /**
     * Starts ClickHouse, the proxy and the fake Slack under {@code dir}; daemons listen on the ports
     * from {@code firstPort} on, one per start, so a killed daemon's port is never reused at once;
     * ClickHouse and the proxy take the last two of {@code firstPort + 100}.
     */
    public static BenchRig start(Path dir, Path checksSource, Duration interval, int firstPort, int portCount)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path checks = copyChecks(checksSource, dir.resolve("checks"), interval);
        ChildProcess clickhouse = ChildProcess.cli(Map.of(), List.of("-Xmx512m"), dir.resolve("clickhouse.log"),
                "clickhouse", "--data", dir.resolve("clickhouse").toString(), "--port", String.valueOf(firstPort + 98));
        int port = Integer.parseInt(clickhouse.awaitLine(LISTENING, Duration.ofMinutes(2)).group(1));
        FaultProxy proxy = FaultProxy.start(firstPort + 99, port);
        int[] ports = new int[portCount];
        Arrays.setAll(ports, i -> firstPort + i);
        return new BenchRig(dir, interval, checks, clickhouse, port, proxy, FakeSlackApi.start(), ports);
    }

    /** {@code real}, a span measured against the production interval of 5 minutes, scaled to {@link #interval()} (at least 1 s). */
    public Duration scaled(Duration real) {
        long millis = real.toMillis() * interval.toMillis() / Duration.ofMinutes(5).toMillis();
        return Duration.ofMillis(Math.max(1000, millis));
    }

    /** The scaled check interval. */
    public Duration interval() {
        return interval;
    }

    /** The scaled copy of the checks tree the daemons run. */
    public Path checks() {
        return checks;
    }

    /** The proxy between the daemons and ClickHouse. */
    public FaultProxy proxy() {
        return proxy;
    }

    /** The fake Slack Web API the daemons post to. */
    public FakeSlackApi slack() {
        return slack;
    }

    /** Replaces the fake Slack by a fresh one, so that a drill's Slack holds only its own messages. */
    public void resetSlack() throws IOException {
        slack.close();
        slack = FakeSlackApi.start();
    }

    /** The work directory (logs, data). */
    public Path dir() {
        return dir;
    }

    /**
     * Starts a daemon ({@code trackwatch serve} with the demo feed on) whose state lives in its own
     * database {@code stateDatabase}, so a drill starts with no incidents and its alerts are its own.
     */
    public BenchDaemon startDaemon(String stateDatabase, List<String> extraJvmOptions) throws IOException {
        int port = ports[nextPort++ % ports.length];
        List<String> options = new ArrayList<>(List.of("-Xmx640m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dtrackwatch.demo.enabled=true",
                "-Dtrackwatch.run.checks-dir=" + checks,
                "-Dtrackwatch.notify.flush-interval=1s",
                // The watchdog's thresholds are scaled like the checks' interval (2m and 15s against a
                // 5m interval in production), or an outage of a few bench intervals, which stands for
                // tens of real minutes, would end before the unscaled 2m threshold and never be told.
                "-Dtrackwatch.watchdog.clickhouse-down-after=" + scaled(Duration.ofMinutes(2)).toMillis() + "ms",
                "-Dtrackwatch.watchdog.clickhouse-up-after=" + scaled(Duration.ofMinutes(1)).toMillis() + "ms",
                "-Dtrackwatch.watchdog.probe-interval=" + scaled(Duration.ofSeconds(15)).toMillis() + "ms",
                "-Dtrackwatch.clickhouse.health-interval=" + scaled(Duration.ofSeconds(5)).toMillis() + "ms",
                "-Dtrackwatch.notify.outbox=" + dir.resolve(stateDatabase + "-outbox.jsonl"),
                "-Dtrackwatch.state.database=" + stateDatabase));
        options.addAll(extraJvmOptions);
        Map<String, String> env = Map.of(
                "TRACKWATCH_CLICKHOUSE_URL", "jdbc:clickhouse://127.0.0.1:" + proxy.port() + "/default",
                "TRACKWATCH_SLACK_TOKEN", FakeSlackApi.TOKEN,
                "TRACKWATCH_SLACK_API_URL", slack.apiUrl(),
                "TRACKWATCH_API_TOKEN", apiToken,
                "TRACKWATCH_RUNBOOKS_DIR", dir.resolve("runbooks").toString());
        ChildProcess child = ChildProcess.cli(env, options, dir.resolve(stateDatabase + ".log"),
                "serve", "--port", String.valueOf(port));
        return new BenchDaemon(child, port, apiToken, http);
    }

    /**
     * Runs {@code sql} on ClickHouse directly (not through the proxy) and returns its rows as
     * tab-separated fields; an error answer throws.
     */
    public List<String[]> query(String sql) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clickhousePort
                        + "/?default_format=TabSeparated")).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("ClickHouse answered " + response.statusCode() + " to " + sql + ": " + response.body());
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    /** The single number {@code sql} returns. */
    public long count(String sql) throws IOException, InterruptedException {
        List<String[]> rows = query(sql);
        return rows.isEmpty() ? 0 : Long.parseLong(rows.getFirst()[0]);
    }

    @Override
    public void close() throws InterruptedException {
        slack.close();
        proxy.close();
        clickhouse.close();
    }

    private static Path copyChecks(Path source, Path target, Duration interval) throws IOException {
        String every = interval.toSeconds() + "s";
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.writeString(to, Files.readString(file)
                            .replaceAll("group_wait: \\S+", "group_wait: 2s")
                            .replaceAll("(?m)^(\\s+)interval: \\S+", "$1interval: " + every));
                }
            }
        }
        return target;
    }
}
