package dev.trackwatch.bench;

import dev.trackwatch.embedded.ChdbLocator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM started with this JVM's java binary and class path, for the fault benchmark and the
 * tests that need a second process (a daemon to kill with SIGKILL, a second embedded ClickHouse, a
 * client with a tiny heap). Its merged stdout and stderr are kept line by line, and copied to a log
 * file when one is given, so a caller can wait for a line with a deadline and show everything the
 * child said when something goes wrong. Closing it kills the child if it still runs.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String CLI = "dev.trackwatch.cli.TrackwatchCli";

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final Thread reader;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("child-" + process.pid()).start(() -> pump(log));
    }

    /** Starts {@code mainClass} with the given JVM options and program arguments. */
    public static ChildProcess start(List<String> jvmOptions, String mainClass, String... args) {
        return start(Map.of(), jvmOptions, null, mainClass, args);
    }

    /** Starts {@code mainClass} with extra environment variables, JVM options and program arguments. */
    public static ChildProcess start(Map<String, String> environment, List<String> jvmOptions, String mainClass,
                                     String... args) {
        return start(environment, jvmOptions, null, mainClass, args);
    }

    /** Starts the {@code trackwatch} CLI with {@code args}, plain-text logs, its output appended to {@code log}. */
    public static ChildProcess cli(Map<String, String> environment, List<String> jvmOptions, Path log, String... args) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("TRACKWATCH_LOG_FORMAT", "text"));
        env.putAll(environment);
        return start(env, jvmOptions, log, CLI, args);
    }

    private static ChildProcess start(Map<String, String> environment, List<String> jvmOptions, Path log,
                                      String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        // Under surefire this is a manifest-only jar whose Class-Path lists the whole test class path.
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The launcher exports the library location; a JVM under surefire may only have the system property.
        builder.environment().put("TRACKWATCH_CHDB_LIBRARY", ChdbLocator.locate(null).toString());
        builder.environment().putAll(environment);
        try {
            return new ChildProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private void pump(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = log == null ? Writer.nullWriter() : Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                unread.add(line);
                out.write(line);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            lines.add("[reading child output failed: " + e + "]");
        }
    }

    /** Returns the child's standard input, a pipe that stays open until the child exits. */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /**
     * Waits until the child prints a line matching {@code pattern} and returns the match; each line
     * is looked at once, so a second call waits for a later line.
     *
     * @throws IllegalStateException if the child exits or the deadline passes first
     */
    public Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = unread.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            } else if (!process.isAlive() && unread.isEmpty() && !reader.isAlive()) {
                throw new IllegalStateException("child exited with " + process.exitValue() + " before printing /"
                        + pattern + "/; it said:\n" + output());
            }
        }
        throw new IllegalStateException("child printed no line matching /" + pattern + "/ within " + timeout
                + "; it said:\n" + output());
    }

    /** Waits for the child to exit by itself and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("child still running after " + timeout + "; it said:\n" + output());
        }
        reader.join(STOP_TIMEOUT.toMillis());
        return process.exitValue();
    }

    /** Asks the child to stop (SIGTERM) and waits for it; returns its exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            throw new IllegalStateException("child ignored SIGTERM for " + STOP_TIMEOUT + "; it said:\n" + output());
        }
        reader.join(STOP_TIMEOUT.toMillis());
        return process.exitValue();
    }

    /** Kills the child with SIGKILL, as a crash or the OOM killer would, and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        reader.join(STOP_TIMEOUT.toMillis());
    }

    /** Returns whether the child still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Returns the child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Returns every line the child printed so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Returns everything the child printed so far. */
    public String output() {
        List<String> all = lines();
        return all.isEmpty() ? "" : String.join("\n", all) + "\n";
    }

    /** Returns the last {@code n} lines, for error messages. */
    public String tail(int n) {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
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
