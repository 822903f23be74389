package dev.trackwatch.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scores {@code timestamp,value} CSV files with a fresh {@link SeasonalDetector} per file and
 * writes {@code timestamp,value,anomaly_score} beside the same relative path in the output. This
 * is the code path of {@code trackwatch detect} and of the NAB benchmark.
 *
 * <p>The anomaly score of a row is 1 when its alert notifies (at most once per
 * {@code realertAfter}, see {@link AlertGate}) and otherwise half the detection's score, capped
 * below 0.5, so that only notifications reach NAB's detection threshold of 0.5 while the other
 * rows still rank by how unusual they were.
 */
public final class DetectFiles {

    /** What a run scored. */
    public record Summary(int files, long rows, long notifications) {
    }

    private DetectFiles() {
    }

    /** The CSV files under {@code input} (or {@code input} itself), in a stable order. */
    public static List<Path> csvFiles(Path input) {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        try (Stream<Path> walk = Files.walk(input)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + input, e);
        }
    }

    /**
     * Scores every CSV under {@code input} into {@code output}. When {@code input} is one file,
     * {@code output} is the file to write; otherwise it is the root of the mirrored tree.
     */
    public static Summary score(Path input, Path output, DetectorSettings settings, Duration realertAfter) {
        List<Path> files = csvFiles(input);
        long rows = 0;
        long notifications = 0;
        for (Path file : files) {
            Path target = Files.isRegularFile(input) ? output : output.resolve(input.relativize(file).toString());
            List<SeriesFile.Row> series = SeriesFile.read(file);
            double[] scores = score(series, settings, realertAfter);
            for (double s : scores) {
                notifications += s >= 1.0 ? 1 : 0;
            }
            SeriesFile.write(target, series, scores);
            rows += series.size();
        }
        return new Summary(files.size(), rows, notifications);
    }

    /** The anomaly scores of one series, row by row, each from that row and the rows before it. */
    public static double[] score(List<SeriesFile.Row> series, DetectorSettings settings, Duration realertAfter) {
        SeasonalDetector detector = new SeasonalDetector(settings);
        AlertGate gate = new AlertGate(realertAfter);
        double[] scores = new double[series.size()];
        for (int i = 0; i < scores.length; i++) {
            SeriesFile.Row row = series.get(i);
            Detection d = detector.next(row.time(), row.value());
            // Capped so that rounding never lifts a non-opening row to the 0.5 detection threshold.
            scores[i] = gate.opens(d) ? 1.0 : Math.min(d.score() / 2, 0.49);
        }
        return scores;
    }
}
