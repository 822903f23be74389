package dev.trackwatch.detect;

import dev.trackwatch.cli.CliRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trackwatch detect} through the real command line, on CSV files written here. */
class DetectCommandTest {

    private static final DateTimeFormatter NAB = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** A NAB-style 5-minute series: a noisy daily cycle with a spike and a level shift. */
    private static List<String> csv(int n) {
        List<String> lines = new ArrayList<>();
        lines.add("timestamp,value");
        List<Series.Point> points = Series.of(Series.MONDAY, Duration.ofMinutes(5), n,
                t -> 50 + 20 * Math.sin(2 * Math.PI * t.atZone(ZoneOffset.UTC).getHour() / 24.0), 0.05, 21);
        for (int i = 0; i < n; i++) {
            double v = points.get(i).value();
            if (i == 1500) {
                v = 400;
            }
            if (i >= 2500) {
                v += 60;
            }
            lines.add(NAB.format(points.get(i).time()) + "," + v);
        }
        return lines;
    }

    @Test
    void writesTheTreeWithAScorePerRowAndScoringIsDeterministic() throws IOException {
        Path in = dir.resolve("in/group");
        Files.createDirectories(in);
        Files.write(in.resolve("a.csv"), csv(3000));

        CliRun first = CliRun.run("detect", "--input", dir.resolve("in").toString(), "--output", dir.resolve("out1").toString());
        CliRun second = CliRun.run("detect", "--input", dir.resolve("in").toString(), "--output", dir.resolve("out2").toString());

        assertThat(first.exit()).isZero();
        assertThat(first.out()).startsWith("scored 1 file(s), 3000 rows");
        List<String> out = Files.readAllLines(dir.resolve("out1/group/a.csv"));
        assertThat(out.getFirst()).isEqualTo("timestamp,value,anomaly_score");
        assertThat(out).hasSize(3001);
        assertThat(out.get(1)).startsWith("2024-01-01 00:00:00,");
        assertThat(Files.readAllLines(dir.resolve("out2/group/a.csv"))).isEqualTo(out);
        // The spike (data row 1500, list index 1501 after the header) notifies; scores stay within 0..1.
        assertThat(out.get(1501)).endsWith(",1.0000");
        assertThat(out.subList(1, out.size())).allSatisfy(line -> {
            double score = Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
            assertThat(score).isBetween(0.0, 1.0);
        });
    }

    @Test
    void scoringAPrefixGivesTheFirstRowsOfScoringTheWhole() throws IOException {
        List<String> whole = csv(3000);
        Files.write(dir.resolve("whole.csv"), whole);
        Files.write(dir.resolve("prefix.csv"), whole.subList(0, 2601));

        assertThat(CliRun.run("detect", "--input", dir.resolve("whole.csv").toString(), "--output",
                dir.resolve("whole-out.csv").toString()).exit()).isZero();
        assertThat(CliRun.run("detect", "--input", dir.resolve("prefix.csv").toString(), "--output",
                dir.resolve("prefix-out.csv").toString()).exit()).isZero();

        List<String> wholeOut = Files.readAllLines(dir.resolve("whole-out.csv"));
        List<String> prefixOut = Files.readAllLines(dir.resolve("prefix-out.csv"));
        assertThat(prefixOut).hasSize(2601);
        assertThat(prefixOut).isEqualTo(wholeOut.subList(0, 2601));
        // The prefix ends inside the level shift, so causality is tested where it matters.
        assertThat(wholeOut.subList(2501, 2601)).anyMatch(line -> line.endsWith(",1.0000"));
    }

    @Test
    void aBadRowIsNamedByFileAndLine() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,x\n");

        CliRun run = CliRun.run("detect", "--input", file.toString(), "--output", dir.resolve("o.csv").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("trackwatch: " + file + ":3: unreadable value 'x'\n");
        assertThat(dir.resolve("o.csv")).doesNotExist();
    }

    @Test
    void acceptsIsoTimestampsAndRejectsOnesThatGoBack() throws IOException {
        Path file = dir.resolve("iso.csv");
        Files.writeString(file, "timestamp,value\n2014-04-01T00:05:00Z,1\n2014-04-01T00:00:00Z,2\n");

        CliRun run = CliRun.run("detect", "--input", file.toString(), "--output", dir.resolve("o.csv").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(file + ":3: timestamp 2014-04-01T00:00:00Z is before the row above it");
    }
}
