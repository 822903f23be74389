package dev.trackwatch.cli;

import dev.trackwatch.config.Durations;
import dev.trackwatch.detect.DetectFiles;
import dev.trackwatch.detect.DetectorSettings;
import dev.trackwatch.detect.Direction;
import dev.trackwatch.detect.Seasonality;
import dev.trackwatch.detect.SeriesFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code trackwatch detect}: runs the seasonal anomaly detector over {@code timestamp,value} CSV
 * files and writes {@code timestamp,value,anomaly_score} beside the same relative paths. Every
 * setting defaults to {@link DetectorSettings#defaults()}; see docs/detection.md.
 */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Score timestamp,value CSV files (a file or a tree) with the seasonal anomaly detector; "
                + "writes timestamp,value,anomaly_score (1 = an alert opens an incident).")
final class DetectCommand implements Callable<Integer> {

    /** The gap without alerts after which an alert opens a new incident, unless told otherwise. */
    static final Duration DEFAULT_REALERT_AFTER = Duration.ofHours(12);

    @Option(names = "--input", required = true, paramLabel = "PATH", description = "A CSV file or a directory tree of them.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "PATH",
            description = "The file (for a file input) or the directory to write the scored tree to.")
    Path output;

    @Option(names = "--training-period", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "History the baseline learns from, e.g. 28d (default: 28d).")
    Duration trainingPeriod;

    @Option(names = "--sensitivity", paramLabel = "SIGMAS", description = "Band half-width in robust standard deviations (default: 3).")
    Double sensitivity;

    @Option(names = "--direction", paramLabel = "UP|DOWN|BOTH", description = "Which side of the band is watched (default: BOTH).")
    Direction direction;

    @Option(names = "--seasonality", paramLabel = "AUTO|NONE|DAILY|WEEKLY", description = "The cycle compared with (default: AUTO).")
    Seasonality seasonality;

    @Option(names = "--min-absolute-change", paramLabel = "X", description = "Deviations below this never alert (default: 0, off).")
    Double minAbsoluteChange;

    @Option(names = "--min-value", paramLabel = "X",
            description = "Points where observed and expected are both below this never alert (default: 0, off).")
    Double minValue;

    @Option(names = "--persistence", paramLabel = "N", description = "Consecutive anomalous points before an alert (default: 1).")
    Integer persistence;

    @Option(names = "--min-training-points", paramLabel = "N", description = "Learned points before judging (default: 48).")
    Integer minTrainingPoints;

    @Option(names = "--accept-after", paramLabel = "DURATION|never", converter = DurationConverter.class,
            description = "A level shift lasting this long becomes the new normal; 'never' keeps alerting (default: 1d).")
    Duration acceptAfter;

    @Option(names = "--realert-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Score 1 (a notification) at most once per this interval; 0 scores every alert 1 (default: 12h).")
    Duration realertAfter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.exists(input)) {
            throw new UserFacingException("no such file or directory: " + input);
        }
        DetectorSettings settings = settings();
        if (realertAfter != null && realertAfter.isNegative()) {
            throw new UserFacingException("--realert-after takes a duration or 0, not 'never'");
        }
        try {
            DetectFiles.Summary summary = DetectFiles.score(input, output, settings,
                    realertAfter != null ? realertAfter : DEFAULT_REALERT_AFTER);
            spec.commandLine().getOut().printf("scored %d file(s), %d rows, %d notification(s) -> %s%n",
                    summary.files(), summary.rows(), summary.notifications(), output);
            return 0;
        } catch (SeriesFile.FormatException e) {
            throw new UserFacingException(e.getMessage());
        }
    }

    /** The defaults with each given option applied. */
    DetectorSettings settings() {
        DetectorSettings s = DetectorSettings.defaults();
        try {
            if (trainingPeriod != null) s = s.withTrainingPeriod(trainingPeriod);
            if (sensitivity != null) s = s.withSensitivity(sensitivity);
            if (direction != null) s = s.withDirection(direction);
            if (seasonality != null) s = s.withSeasonality(seasonality);
            if (minAbsoluteChange != null) s = s.withMinAbsoluteChange(minAbsoluteChange);
            if (minValue != null) s = s.withMinValue(minValue);
            if (persistence != null) s = s.withPersistence(persistence);
            if (minTrainingPoints != null) s = s.withMinTrainingPoints(minTrainingPoints);
            if (acceptAfter != null) s = s.withAcceptAfter(acceptAfter.isNegative() ? null : acceptAfter);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage());
        }
        return s;
    }

    /** Durations in the checks syntax ({@code 30m}, {@code 1d}, {@code 2w}), {@code 0}, or {@code never} (a negative marker). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            if (value.equals("0")) {
                return Duration.ZERO;
            }
            if (value.equals("never")) {
                return Duration.ofSeconds(-1);
            }
            return Durations.parse(value).orElseThrow(() -> new IllegalArgumentException(
                    "'" + value + "' is not a duration like 30m, 6h, 1d or 2w"));
        }
    }
}
