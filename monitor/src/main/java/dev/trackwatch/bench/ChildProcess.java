package dev.trackwatch.bench;

import dev.trackwatch.embedded.ChdbLocator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code trackwatch} command in a child JVM started with this JVM's java binary and class path (the
 * jar under {@code ./trackwatch}), so the benchmark can kill it with SIGKILL. Its merged stdout and
 * stderr are kept line by line and copied to a log file, so a drill can wait for a line and the
 * figures can be checked against what the child said.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("child-" + process.pid()).start(() -> pump(log));
    }

    /**
     * Starts the CLI main class with {@code args}, extra environment variables and JVM options, its
     * output appended to {@code log}.
     */
    public static ChildProcess start(Map<String, String> environment, List<String> jvmOptions, Path log, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.trackwatch.cli.TrackwatchCli");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TRACKWATCH_CHDB_LIBRARY", ChdbLocator.locate(null).toString());
        builder.environment().put("TRACKWATCH_LOG_FORMAT", "text");
        builder.environment().putAll(environment);
        try {
            return new ChildProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private void pump(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                out.write(line);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            lines.add("[reading child output failed: " + e + "]");
        }
    }

    /** Waits until the child prints a line matching {@code pattern}; returns the match. */
    public Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            List<String> now = lines;
            for (; seen < now.size(); seen++) {
                Matcher m = pattern.matcher(now.get(seen));
                if (m.find()) {
                    return m;
                }
            }
            if (!process.isAlive() && !reader.isAlive()) {
                throw new IllegalStateException("child exited with " + process.exitValue() + " before printing /"
                        + pattern + "/; last lines:\n" + tail(30));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("child printed no /" + pattern + "/ within " + timeout + "; last lines:\n" + tail(30));
    }

    /** Every line so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The last {@code n} lines, for error messages. */
    public String tail(int n) {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
    }

    /** Whether the child still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the child with SIGKILL, as a crash or the OOM killer would, and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        reader.join(STOP_TIMEOUT.toMillis());
    }

    /** Asks the child to stop (SIGTERM); kills it if it does not within 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        }
        reader.join(STOP_TIMEOUT.toMillis());
    }
}
