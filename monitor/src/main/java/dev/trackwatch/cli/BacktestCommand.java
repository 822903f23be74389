package dev.trackwatch.cli;

import dev.trackwatch.backtest.Backtest;
import dev.trackwatch.backtest.BacktestAlert;
import dev.trackwatch.config.LoadResult;
import dev.trackwatch.incidents.ResolveAfter;
import dev.trackwatch.query.QueryGuardrails;
import dev.trackwatch.run.RunConfiguration;
import io.micronaut.context.ApplicationContext;
import org.jooq.DSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code trackwatch backtest}: replays the schedule over a past span and writes every alert that
 * would have opened as a line of JSON, so a team can tune a check on history before turning it on.
 * Alerts are the incidents the daemon's tracker opens, with its {@code trackwatch.notify.resolve-after}.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replay the checks tick by tick over a past span and write the alerts that would have opened.")
final class BacktestCommand implements Callable<Integer> {

    @Option(names = "--checks", defaultValue = "checks", paramLabel = "DIR", description = "Checks directory (default: ${DEFAULT-VALUE}).")
    Path checks;

    @Option(names = "--from", required = true, paramLabel = "ISO-8601", description = "First tick, e.g. 2026-11-01T00:00:00Z.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ISO-8601", description = "Last tick (inclusive).")
    String to;

    @Option(names = "--step", paramLabel = "DURATION", description = "Tick spacing, e.g. 5m or 1h (default: each dataset's interval).")
    String step;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the alerts (JSON lines).")
    Path out;

    @Option(names = "--embedded", paramLabel = "DIR", description = "Use the embedded ClickHouse on this data directory.")
    Path embeddedData;

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "ClickHouse JDBC URL (default: trackwatch.clickhouse.url).")
    String url;

    @Override
    public Integer call() throws IOException {
        Instant start = CliArguments.instant("--from", from);
        Instant end = CliArguments.instant("--to", to);
        if (end.isBefore(start)) {
            throw new UserFacingException("--to " + end + " is before --from " + start);
        }
        Duration tick = step == null ? null : CliArguments.duration("--step", step);
        LoadResult loaded = CliArguments.loadChecks(checks);
        if (loaded == null) {
            return 1;
        }
        try (ApplicationContext context = CliArguments.context(embeddedData, url);
             BufferedWriter writer = Files.newBufferedWriter(out)) {
            RunConfiguration run = context.getBean(RunConfiguration.class);
            int resolveAfter = context.getProperty("trackwatch.notify.resolve-after", Integer.class)
                    .orElse(ResolveAfter.DEFAULT);
            Backtest backtest = new Backtest(context.getBean(DSLContext.class),
                    QueryGuardrails.of(run.getMaxExecutionTime()), run.getBackfillChunk(), resolveAfter);
            Backtest.Summary summary = backtest.run(loaded.spec(), start, end, tick, alert -> write(writer, alert));
            print(summary);
        }
        return 0;
    }

    private static void write(BufferedWriter writer, BacktestAlert alert) {
        try {
            writer.write(alert.toJson());
            writer.newLine();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void print(Backtest.Summary summary) {
        System.out.printf("backtest: %d ticks in %.1f s, %d NOT_EVALUATED verdicts (learning or faults)%n",
                summary.ticks(), summary.elapsed().toMillis() / 1000.0, summary.notEvaluated());
        summary.alertsByCheck().forEach((check, n) -> {
            int inhibited = summary.inhibitedByCheck().getOrDefault(check, 0);
            System.out.printf("  %-40s %d alerts%s%n", check, n, inhibited == 0 ? "" : " (" + inhibited + " inhibited)");
        });
        System.out.printf("%d notification groups, %d monitor-fault incidents%n", summary.groups(),
                summary.monitorFaults());
        System.out.println("alerts=" + summary.alerts() + " inhibited=" + summary.inhibited() + " out=" + out);
    }
}
