package dev.trackwatch.bench;

import dev.trackwatch.config.ConfigError;
import dev.trackwatch.loader.ConfigLoader;
import dev.trackwatch.validate.OfflineValidation;
import dev.trackwatch.validate.SyntaxEngines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A malformed-config corpus drill: mutates a copy of a checks tree a few hundred ways
 * ({@link ConfigCorpusMutations}), loads each as {@code validate --offline} does, and classifies
 * the outcome. {@link Verdict#LOCATED} is the goal for every malformed tree: each error names a
 * file of the tree and a line and column inside it. The drill asserts nothing; it prints counts
 * and the cases to fix.
 */
public final class ConfigCorpusDrill {

    /** How long one load may take before the case counts as {@link Verdict#SLOW}. */
    static final long SLOW_SECONDS = 5;

    /** What the loader made of one malformed tree. */
    public enum Verdict {
        /** Every error names a file of the tree and a line:col inside it. */
        LOCATED,
        /** Some error names no file of the tree, a line or column outside it, or not the damaged line. */
        UNLOCATED,
        /** An exception escaped the loader, or an error message carries a stack trace. */
        CRASH,
        /** The load took longer than {@link #SLOW_SECONDS}. */
        SLOW,
        /** No error for a mutation that cannot change the meaning: fine. */
        ACCEPTED_HARMLESS,
        /** No error for a mutation that may change the meaning: to review (often a legitimate edit). */
        ACCEPTED
    }

    /** One case's outcome; {@code detail} is the first error, or why the case failed. */
    public record Outcome(ConfigCorpusCase input, Verdict verdict, String detail) {
        /** {@code c0042 routing.yaml: delete line 12 -> UNLOCATED: first error}. */
        public String line() {
            return input.id() + " " + input.file() + ": " + input.mutation() + " -> " + verdict + ": " + detail;
        }
    }

    /** Every case's outcome, in case order. */
    public record Result(List<Outcome> outcomes) {
        public long count(Verdict verdict) {
            return outcomes.stream().filter(o -> o.verdict() == verdict).count();
        }

        /** Cases to fix: unlocated, crashed or slow. */
        public List<Outcome> failures() {
            return outcomes.stream().filter(o -> o.verdict() == Verdict.UNLOCATED || o.verdict() == Verdict.CRASH
                    || o.verdict() == Verdict.SLOW).toList();
        }

        /** {@code drill=config_corpus cases=412 located=398 unlocated=0 crash=0 accepted_harmless=14 accepted=0 slow=0}. */
        public String summary() {
            return "drill=config_corpus cases=" + outcomes.size() + " located=" + count(Verdict.LOCATED)
                    + " unlocated=" + count(Verdict.UNLOCATED) + " crash=" + count(Verdict.CRASH)
                    + " accepted_harmless=" + count(Verdict.ACCEPTED_HARMLESS) + " accepted=" + count(Verdict.ACCEPTED)
                    + " slow=" + count(Verdict.SLOW);
        }
    }

    private ConfigCorpusDrill() {
    }

    /**
     * Runs the drill over a copy of {@code checksDir} as {@code validate --offline} validates: the
     * strict load, then ClickHouse's parser over the expressions when the embedded engine is installed.
     */
    public static Result run(Path checksDir, long seed) {
        Path runbooks = ConfigLoader.defaultRunbooksDir(checksDir);
        return run(checksDir, seed, dir -> OfflineValidation.validate(dir, runbooks,
                SyntaxEngines.Source.RUNNING_OR_PRIVATE).errors());
    }

    /**
     * Runs the drill with {@code validation} standing for {@code validate --offline}: it returns
     * every error found in the tree it is given.
     *
     * @throws IllegalArgumentException when the unmutated tree does not validate
     */
    public static Result run(Path checksDir, long seed, Function<Path, List<ConfigError>> validation) {
        return run(checksDir, seed, validation, 1);
    }

    /** Runs every {@code every}-th case only (the test suite's sample of the corpus). */
    static Result run(Path checksDir, long seed, Function<Path, List<ConfigError>> validation, int every) {
        Map<String, byte[]> base = read(checksDir);
        Path work = tempDir();
        ExecutorService[] executor = {daemonExecutor()};
        try {
            List<ConfigError> baseline = validation.apply(checksDir);
            if (!baseline.isEmpty()) {
                throw new IllegalArgumentException("the base tree must be valid: " + baseline.getFirst().render());
            }
            List<Outcome> outcomes = new ArrayList<>();
            List<ConfigCorpusCase> cases = ConfigCorpusMutations.generate(base, seed);
            for (int i = 0; i < cases.size(); i += every) {
                ConfigCorpusCase c = cases.get(i);
                outcomes.add(runOne(c, base, work.resolve(c.id()), validation, executor));
            }
            return new Result(outcomes);
        } finally {
            executor[0].shutdownNow();
            delete(work);
        }
    }

    private static Outcome runOne(ConfigCorpusCase c, Map<String, byte[]> base, Path dir,
                                  Function<Path, List<ConfigError>> validation, ExecutorService[] executor) {
        Map<String, byte[]> tree = new TreeMap<>(base);
        tree.put(c.file(), c.content());
        write(dir, tree);
        try {
            Future<List<ConfigError>> future = executor[0].submit(() -> validation.apply(dir));
            List<ConfigError> errors;
            try {
                errors = future.get(SLOW_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                // The stuck thread is a daemon; later cases get a fresh one.
                executor[0].shutdownNow();
                executor[0] = daemonExecutor();
                return new Outcome(c, Verdict.SLOW, "no answer within " + SLOW_SECONDS + " s");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                return new Outcome(c, Verdict.CRASH, cause.getClass().getName() + ": " + cause.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return classify(c, tree, errors);
        } finally {
            delete(dir);
        }
    }

    /** Classifies the errors of a load of {@code tree}. */
    static Outcome classify(ConfigCorpusCase c, Map<String, byte[]> tree, List<ConfigError> errors) {
        if (errors.isEmpty()) {
            return new Outcome(c, c.harmless() ? Verdict.ACCEPTED_HARMLESS : Verdict.ACCEPTED, "no error");
        }
        for (ConfigError e : errors) {
            if (e.message().contains("\tat ") || e.message().matches("(?s).*\\b(java|org|com)\\.[a-z]+\\.[A-Za-z.]*(Exception|Error)\\b.*")) {
                return new Outcome(c, Verdict.CRASH, "stack trace or exception class in: " + e.render());
            }
            if (e.message().chars().anyMatch(Character::isISOControl)) {
                // Printed, the lines after a line break carry no location; other controls garble terminals.
                return new Outcome(c, Verdict.UNLOCATED, "control character or line break in the message: "
                        + e.render().replaceAll("\\p{Cntrl}", "?"));
            }
            String problem = ConfigCorpusLocations.problem(e, tree);
            if (problem != null) {
                return new Outcome(c, Verdict.UNLOCATED, problem + ": " + e.render());
            }
        }
        if (c.expectedLine() > 0 && errors.stream().noneMatch(e -> e.location().file().equals(c.file())
                && e.location().line() == c.expectedLine())) {
            return new Outcome(c, Verdict.UNLOCATED, "no error at the damaged line " + c.expectedLine() + ": "
                    + errors.getFirst().render());
        }
        return new Outcome(c, Verdict.LOCATED, errors.getFirst().render());
    }

    /** Prints the summary line, then the failures and the accepted cases to review. */
    public static void print(Result result, java.io.PrintStream out, boolean all) {
        out.println(result.summary());
        if (all) {
            result.outcomes().forEach(o -> out.println("  " + o.line()));
            return;
        }
        Map<Verdict, List<Outcome>> by = new EnumMap<>(Verdict.class);
        result.outcomes().forEach(o -> by.computeIfAbsent(o.verdict(), v -> new ArrayList<>()).add(o));
        for (Verdict v : List.of(Verdict.CRASH, Verdict.SLOW, Verdict.UNLOCATED, Verdict.ACCEPTED)) {
            by.getOrDefault(v, List.of()).stream().sorted(Comparator.comparing(o -> o.input().id()))
                    .forEach(o -> out.println("  " + o.line()));
        }
    }

    private static Map<String, byte[]> read(Path checksDir) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(checksDir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String relative = checksDir.relativize(p).toString().replace('\\', '/');
                if (!relative.startsWith(".") && !relative.contains("/.")) {
                    files.put(relative, Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static void write(Path dir, Map<String, byte[]> tree) {
        try {
            for (Map.Entry<String, byte[]> f : tree.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("trackwatch-config-corpus-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ExecutorService daemonExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "config-corpus-load");
            t.setDaemon(true);
            return t;
        });
    }
}
