package dev.trackwatch.notify;

import dev.trackwatch.bench.ChildProcess;
import dev.trackwatch.cli.TrackwatchCli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./trackwatch demo} in a child JVM, for tests that kill it with SIGKILL: the repo's checks
 * with a 2 s group_wait (so first messages come while the test watches), a fixed HTTP port that
 * survives restarts, and the incidents the daemon reports through its API.
 */
final class TestingDemoDaemon {

    private static final Pattern INCIDENT = Pattern.compile(
            "\"id\":\"([^\"]+)\",\"dataset\":\"([^\"]+)\",\"check\":\"([^\"]+)\".*?\"kind\":\"([^\"]+)\"");

    private final Path checks;
    private final Path data;
    private final int port;
    private final Map<String, String> environment;
    private boolean started;

    /** A demo whose checks and data live under {@code dir}, with extra environment variables. */
    TestingDemoDaemon(Path dir, Map<String, String> environment) throws IOException {
        this.checks = copyChecksWithShortGroupWait(dir.resolve("checks"));
        this.data = dir.resolve("demo");
        this.port = freePort();
        this.environment = Map.copyOf(environment);
    }

    /**
     * Starts the demo; the caller kills or closes it. The demo anchors its scenario to the hour of
     * its first start (five incidents in the hour before), and its first runs judge the newest
     * closed hour; a first start in an hour's last minutes could have those runs judge the next
     * hour instead, so such a start waits for the hour to turn.
     */
    ChildProcess start() throws InterruptedException {
        if (!started) {
            java.time.LocalTime now = java.time.LocalTime.now(java.time.ZoneOffset.UTC);
            if (now.getMinute() >= 56) {
                Thread.sleep(java.time.Duration.between(now, now.withMinute(59).withSecond(59)).toMillis() + 5_000);
            }
            started = true;
        }
        return ChildProcess.start(environment, List.of("-Xmx768m", "-XX:TieredStopAtLevel=1",
                        "-Dtrackwatch.run.checks-dir=" + checks, "-Dtrackwatch.notify.flush-interval=1s"),
                TrackwatchCli.class.getName(), "demo", "--data-dir", data.toString(), "--port", String.valueOf(port));
    }

    /** The demo's outbox file (used when no Slack token is set). */
    Path outbox() {
        return data.resolve("outbox.jsonl");
    }

    /** Returns the daemon's answer to a GET of {@code path}, e.g. {@code /api/incidents}. */
    String get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    /**
     * The open incidents, each as {@code id, dataset, check, kind}, and whether the daemon reports
     * it suppressed (silenced, inhibited or muted; see {@code GET /api/suppressed}).
     */
    List<OpenIncident> openIncidents() throws Exception {
        String incidents = get("/api/incidents");
        String suppressed = get("/api/suppressed");
        List<OpenIncident> open = new ArrayList<>();
        Matcher m = INCIDENT.matcher(incidents);
        while (m.find()) {
            // The reason is a JSON string; an inhibition's quotes the labels of the alert that fires it.
            Matcher why = Pattern.compile("\"" + Pattern.quote(m.group(1)) + "\":\"((?:[^\"\\\\]|\\\\.)*)\"")
                    .matcher(suppressed);
            open.add(new OpenIncident(m.group(1), m.group(2), m.group(3), m.group(4), why.find() ? why.group(1) : null));
        }
        return open;
    }

    /** An open incident as the API lists it; {@code suppressed} is why it is not told, or null. */
    record OpenIncident(String id, String dataset, String check, String kind, String suppressed) {
        String[] datasetAndCheck() {
            return new String[] {dataset, check};
        }
    }

    /** Returns true when {@code groupKey} is the group of {@code dataset}'s check {@code check}. */
    static boolean groupOf(String groupKey, String[] datasetAndCheck) {
        return groupKey.contains("check=" + datasetAndCheck[1] + ",") && groupKey.contains("dataset=" + datasetAndCheck[0] + ",");
    }

    private static Path copyChecksWithShortGroupWait(Path target) throws IOException {
        Path source = Path.of("../checks").toAbsolutePath().normalize();
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
