package dev.trackwatch.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM started with the test's own java binary and class path, for tests that need a second
 * process: a client with a tiny heap, or a second embedded ClickHouse. Its stdout and stderr are
 * merged and collected line by line, so a test can wait for a line with a deadline and can show
 * everything the child said when an assertion fails. Closing it kills the child if it still runs.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("child-jvm-" + process.pid()).start(this::pump);
    }

    /** Starts {@code mainClass} with the given JVM options and program arguments. */
    public static ChildJvm start(List<String> jvmOptions, String mainClass, String... args) {
        return start(java.util.Map.of(), jvmOptions, mainClass, args);
    }

    /** Starts {@code mainClass} with extra environment variables, JVM options and program arguments. */
    public static ChildJvm start(java.util.Map<String, String> environment, List<String> jvmOptions, String mainClass,
                                 String... args) {
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
        // The launcher exports the library location; the surefire JVM may only have the system property.
        builder.environment().put("TRACKWATCH_CHDB_LIBRARY", ChdbLocator.locate(null).toString());
        builder.environment().putAll(environment);
        try {
            return new ChildJvm(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Returns the child's standard input, a pipe that stays open until the child exits. */
    public java.io.OutputStream stdin() {
        return process.getOutputStream();
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
                unread.add(line);
            }
        } catch (IOException e) {
            output.append("[reading child output failed: ").append(e).append("]\n");
        }
    }

    /**
     * Waits until the child prints a line matching {@code pattern} and returns the match.
     *
     * @throws AssertionError if the child exits or the deadline passes first
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
                throw new AssertionError("child exited with " + process.exitValue() + " before printing /"
                        + pattern + "/; it said:\n" + output);
            }
        }
        throw new AssertionError("child printed no line matching /" + pattern + "/ within " + timeout
                + "; it said:\n" + output);
    }

    /** Waits for the child to exit by itself and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child still running after " + timeout + "; it said:\n" + output);
        }
        reader.join(STOP_TIMEOUT.toMillis());
        return process.exitValue();
    }

    /** Asks the child to stop (SIGTERM) and waits for it; returns its exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("child ignored SIGTERM for " + STOP_TIMEOUT + "; it said:\n" + output);
        }
        reader.join(STOP_TIMEOUT.toMillis());
        return process.exitValue();
    }

    /** Kills the child with SIGKILL, as a crash or the OOM killer would, and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        reader.join(STOP_TIMEOUT.toMillis());
    }

    /** Returns the child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Returns everything the child printed so far. */
    public String output() {
        return output.toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
