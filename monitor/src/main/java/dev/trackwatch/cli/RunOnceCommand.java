package dev.trackwatch.cli;

import dev.trackwatch.config.LoadResult;
import dev.trackwatch.evaluate.ResultJson;
import dev.trackwatch.run.CycleRunner;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code trackwatch run-once}: one cycle of every dataset as of a time (only data at or before it),
 * printing each check result as one line of JSON on stdout. Logs go to stderr.
 */
@Command(name = "run-once", mixinStandardHelpOptions = true,
        description = "Run every check once and print each result as a line of JSON.")
final class RunOnceCommand implements Callable<Integer> {

    @Option(names = "--checks", defaultValue = "checks", paramLabel = "DIR",
            description = "Checks directory (default: ${DEFAULT-VALUE}).")
    Path checks;

    @Option(names = "--at", paramLabel = "ISO-8601",
            description = "Run as of this instant, e.g. 2026-11-20T14:00:00Z (default: now).")
    String at;

    @Option(names = "--embedded", paramLabel = "DIR",
            description = "Use the embedded ClickHouse on this data directory (e.g. data/demo).")
    Path embeddedData;

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "ClickHouse JDBC URL (default: trackwatch.clickhouse.url).")
    String url;

    @Override
    public Integer call() {
        Instant asOf = at == null ? Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                : CliArguments.instant("--at", at);
        LoadResult loaded = CliArguments.loadChecks(checks);
        if (loaded == null) {
            return 1;
        }
        try (ApplicationContext context = CliArguments.context(embeddedData, url)) {
            CycleRunner cycle = context.getBean(CycleRunner.class);
            cycle.runAll(loaded.spec(), asOf, result -> System.out.println(ResultJson.toLine(result)));
        }
        System.out.flush();
        return 0;
    }
}
