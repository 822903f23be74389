package dev.trackwatch.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One daemon child of a drill, spoken to over real HTTP with timeouts: {@code /health}, and the
 * {@code /api/**} reads with the bench's bearer token. {@link #probeHealth} asks {@code /health}
 * once a second in the background and keeps the slowest answer, so a drill can say whether the
 * daemon kept answering while ClickHouse misbehaved.
 */
public final class BenchDaemon implements AutoCloseable {

    /** How long the bench waits for one answer of the daemon. */
    public static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern LOG_TIME = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z)");

    private final ChildProcess child;
    private final int port;
    private final String token;
    private final HttpClient http;
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicLong slowestMs = new AtomicLong();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger probes = new AtomicInteger();
    private Thread prober;

    BenchDaemon(ChildProcess child, int port, String token, HttpClient http) {
        this.child = child;
        this.port = port;
        this.token = token;
        this.http = http;
    }

    /** Waits until {@code /health} answers at all (200 or 503): the HTTP server is up. */
    public BenchDaemon awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (health().status() > 0) {
                return this;
            }
            if (!child.isAlive()) {
                throw new IllegalStateException("daemon exited; last lines:\n" + child.tail(40));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("daemon not up within " + timeout + "; last lines:\n" + child.tail(40));
    }

    /** One answer of {@code /health}: the status (0 when none came within the timeout) and how long it took. */
    public record Health(int status, long millis) {
    }

    /** Asks {@code /health} once. */
    public Health health() throws InterruptedException {
        long start = System.nanoTime();
        try {
            int status = http.send(request("/health").build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Health(status, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            return new Health(0, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Returns the body of a GET of {@code path} (e.g. {@code /api/incidents}); a non-200 answer throws. */
    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(path).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** Starts asking {@code /health} every second, forgetting what earlier probes saw. */
    public void probeHealth() {
        slowestMs.set(0);
        unanswered.set(0);
        probes.set(0);
        probing.set(true);
        prober = Thread.ofPlatform().daemon().name("health-probe-" + port).start(() -> {
            while (probing.get()) {
                try {
                    Health h = health();
                    probes.incrementAndGet();
                    slowestMs.accumulateAndGet(h.millis(), Math::max);
                    if (h.status() == 0) {
                        unanswered.incrementAndGet();
                    }
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** What the health probe saw. */
    public record HealthFigures(int probes, int unanswered, long slowestMs) {
    }

    /** Stops the probe and returns what it saw. */
    public HealthFigures stopProbe() throws InterruptedException {
        probing.set(false);
        if (prober != null) {
            prober.join(HTTP_TIMEOUT.toMillis() + 2000);
        }
        return new HealthFigures(probes.get(), unanswered.get(), slowestMs.get());
    }

    /** The log lines matching {@code pattern} at or after {@code since}, each with its log time. */
    public List<LogLine> logLines(Pattern pattern, Instant since) {
        List<LogLine> found = new ArrayList<>();
        for (String line : child.lines()) {
            Matcher t = LOG_TIME.matcher(line);
            if (t.find() && pattern.matcher(line).find()) {
                Instant at = Instant.parse(t.group(1));
                if (!at.isBefore(since)) {
                    found.add(new LogLine(at, line));
                }
            }
        }
        return found;
    }

    /** A line the daemon logged, with its time. */
    public record LogLine(Instant at, String text) {
    }

    /** The child process (to kill it, or to read its output). */
    public ChildProcess process() {
        return child;
    }

    @Override
    public void close() throws InterruptedException {
        probing.set(false);
        child.close();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(HTTP_TIMEOUT).GET();
    }
}
