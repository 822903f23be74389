package dev.trackwatch.bench;

import dev.trackwatch.detect.DetectFiles;
import dev.trackwatch.detect.DetectorSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Numenta Anomaly Benchmark on the shared dev split: scores every series with the detector's
 * default settings through {@link DetectFiles} (the code path of {@code trackwatch detect}), then
 * runs NAB's scorer ({@code nab_score.py}, with python3) on the results and prints its per-file
 * lines, the three profile scores and a last line {@code nab_standard=<x> nab_low_fp=<y>}.
 */
public final class NabBenchmark {

    /** What the scorer reported for the corpus, by profile name (standard, reward_low_FP_rate, reward_low_FN_rate). */
    public record Result(Map<String, Double> corpus, List<String> scorerOutput) {
        /** The standard profile's score. */
        public double standard() {
            return corpus.get("standard");
        }

        /** The reward-low-false-positives profile's score. */
        public double lowFalsePositives() {
            return corpus.get("reward_low_FP_rate");
        }
    }

    /** A benchmark that cannot run: missing data, scorer or python3. */
    public static final class SetupException extends RuntimeException {
        SetupException(String message) {
            super(message);
        }
    }

    private static final Pattern CORPUS = Pattern.compile("(\\w+)=(-?[0-9.]+)");

    private final Path nabDir;
    private final Path scorer;
    private final PrintStream out;

    /** A benchmark over {@code nabDir} (holding {@code data/} and {@code windows.json}) scored by {@code scorer}. */
    public NabBenchmark(Path nabDir, Path scorer, PrintStream out) {
        this.nabDir = nabDir;
        this.scorer = scorer;
        this.out = out;
    }

    /** The shared NAB directory, {@code ../shared/bench/nab} from the repository root this code was built in. */
    public static Path defaultNabDir() {
        return repoRoot().resolve("../shared/bench/nab").normalize();
    }

    /** The repository root: three levels above {@code monitor/target/classes} or {@code monitor/target/trackwatch.jar}. */
    static Path repoRoot() {
        try {
            Path code = Path.of(NabBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scores the data into {@code results} with the given settings, runs the scorer and prints everything. */
    public Result run(Path results, DetectorSettings settings, Duration realertAfter) throws IOException, InterruptedException {
        Path data = nabDir.resolve("data");
        Path windows = nabDir.resolve("windows.json");
        if (!Files.isDirectory(data) || !Files.isRegularFile(windows)) {
            throw new SetupException("no NAB data at " + nabDir + " (expected data/ and windows.json; see ../shared/README.md)");
        }
        if (!Files.isRegularFile(scorer)) {
            throw new SetupException("no NAB scorer at " + scorer);
        }
        DetectFiles.Summary summary = DetectFiles.score(data, results, settings, realertAfter);
        out.printf("scored %d series, %d rows, %d detections -> %s%n", summary.files(), summary.rows(),
                summary.notifications(), results);
        List<String> lines = runScorer(data, windows, results);
        lines.forEach(out::println);
        Map<String, Double> corpus = new LinkedHashMap<>();
        String last = lines.isEmpty() ? "" : lines.getLast();
        if (!last.startsWith("corpus:")) {
            throw new SetupException("the scorer printed no corpus line; its output ends with: " + last);
        }
        Matcher m = CORPUS.matcher(last);
        while (m.find()) {
            corpus.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        Result result = new Result(corpus, lines);
        out.printf("standard=%.1f reward_low_FP=%.1f reward_low_FN=%.1f%n", result.standard(),
                result.lowFalsePositives(), corpus.get("reward_low_FN_rate"));
        out.printf("nab_standard=%.1f nab_low_fp=%.1f%n", result.standard(), result.lowFalsePositives());
        return result;
    }

    private List<String> runScorer(Path data, Path windows, Path results) throws IOException, InterruptedException {
        List<String> command = List.of("python3", scorer.toString(), "--data", data.toString(), "--windows",
                windows.toString(), "--results", results.toString(), "--threshold", "0.5");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new SetupException("cannot run python3 for the NAB scorer (is python3 installed and on PATH?): "
                    + e.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new SetupException("the NAB scorer failed (exit " + exit + "): " + output.strip());
        }
        return new ArrayList<>(output.lines().toList());
    }
}
