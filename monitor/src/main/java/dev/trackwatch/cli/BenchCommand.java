package dev.trackwatch.cli;

import dev.trackwatch.bench.CostBenchmark;
import dev.trackwatch.bench.EmbeddedBenchmark;
import dev.trackwatch.bench.NabBenchmark;
import dev.trackwatch.detect.DetectorSettings;
import dev.trackwatch.embedded.ChdbLocator;
import dev.trackwatch.embedded.EmbeddedClickHouseServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code trackwatch bench}: benchmarks that print figures measured side by side in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark and print its figures.",
        subcommands = {BenchCommand.Embedded.class, BenchCommand.Cost.class, BenchCommand.Nab.class, BenchCommand.Demo.class,
                BenchCommand.Configs.class, BenchCommand.Faults.class})
final class BenchCommand implements Runnable {

    @Override
    public void run() {
        throw new UserFacingException("name a benchmark: bench embedded, bench cost, bench nab, bench demo, bench faults");
    }

    /** Starts the embedded ClickHouse on {@code data}, or on a fresh temporary directory when it is null. */
    static EmbeddedClickHouseServer startServer(Path data) throws java.io.IOException {
        Path dir = data != null ? data : Files.createTempDirectory("trackwatch-bench-");
        return EmbeddedClickHouseServer.start(ChdbLocator.locate(null), dir, EmbeddedClickHouseServer.Options.loopback(0));
    }

    /** {@code trackwatch bench embedded}: insert throughput and round trips of the embedded endpoint. */
    @Command(name = "embedded", mixinStandardHelpOptions = true,
            description = "Insert rows/s and SELECT 1 round trips: JDBC vs RowBinary vs in-engine; driver vs HTTP vs chDB.")
    static final class Embedded implements Callable<Integer> {

        @Option(names = "--rows", defaultValue = "200000", description = "Rows per insert (default: ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--round-trips", defaultValue = "2000", description = "SELECT 1 round trips (default: ${DEFAULT-VALUE}).")
        int roundTrips;

        @Option(names = "--data", description = "Data directory (default: a fresh temporary one).")
        Path data;

        @Override
        public Integer call() throws Exception {
            try (EmbeddedClickHouseServer server = startServer(data)) {
                new EmbeddedBenchmark(server, System.out).run(rows, roundTrips);
            }
            return 0;
        }
    }

    /** {@code trackwatch bench cost}: rows and bytes read by the merged plan against one query per metric and segment. */
    @Command(name = "cost", mixinStandardHelpOptions = true,
            description = "Rows/bytes read: one planned query vs one query per metric per segment; incremental over-read.")
    static final class Cost implements Callable<Integer> {

        @Option(names = "--rows", defaultValue = "20000000", description = "Generated events (default: ${DEFAULT-VALUE}).")
        long rows;

        @Option(names = "--data", description = "Data directory (default: a fresh temporary one).")
        Path data;

        @Override
        public Integer call() throws Exception {
            try (EmbeddedClickHouseServer server = startServer(data)) {
                new CostBenchmark(server, System.out).run(rows);
            }
            return 0;
        }
    }

    /** {@code trackwatch bench nab}: the detector's defaults on the NAB dev split, scored by NAB's rules. */
    @Command(name = "nab", mixinStandardHelpOptions = true,
            description = "Run the detector (as detect does, default settings) over NAB and print NAB's scores.")
    static final class Nab implements Callable<Integer> {

        @Option(names = "--data", description = "NAB directory with data/ and windows.json (default: ../shared/bench/nab).")
        Path data;

        @Option(names = "--out", description = "Results directory (default: a fresh temporary one).")
        Path out;

        @Override
        public Integer call() throws Exception {
            Path nab = data != null ? data : NabBenchmark.defaultNabDir();
            Path results = out != null ? out : Files.createTempDirectory("trackwatch-nab-");
            try {
                new NabBenchmark(nab, nab.resolveSibling("nab_score.py"), System.out)
                        .run(results, DetectorSettings.defaults(), DetectCommand.DEFAULT_REALERT_AFTER);
            } catch (NabBenchmark.SetupException e) {
                throw new UserFacingException(e.getMessage());
            }
            return 0;
        }
    }

    /** {@code trackwatch bench demo}: backtest the repo's checks over the demo and score them against its incidents. */
    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Backtest checks/ over the demo's history: recall, time to detect, false alerts per week.")
    static final class Demo implements Callable<Integer> {

        @Option(names = "--checks", defaultValue = "checks", description = "Checks directory (default: ${DEFAULT-VALUE}).")
        Path checks;

        @Option(names = "--days", defaultValue = "7", description = "Days replayed before the anchor (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--step", defaultValue = "1h", description = "Tick spacing (default: ${DEFAULT-VALUE}).")
        String step;

        @Option(names = "--data", description = "Data directory (default: a fresh temporary one).")
        Path data;

        @Override
        public Integer call() throws Exception {
            dev.trackwatch.config.LoadResult loaded = dev.trackwatch.loader.ConfigLoader.load(checks);
            if (!loaded.isValid()) {
                loaded.errors().forEach(System.err::println);
                return 1;
            }
            try (EmbeddedClickHouseServer server = startServer(data)) {
                new dev.trackwatch.bench.DemoBacktestBenchmark(server, System.out)
                        .run(loaded, days, CliArguments.duration("--step", step));
            }
            return 0;
        }
    }

    /** {@code trackwatch bench configs}: the malformed-config corpus drill over a copy of checks/. */
    @Command(name = "configs", mixinStandardHelpOptions = true,
            description = "Mutate a copy of checks/ a few hundred ways and report whether every error is located.")
    static final class Configs implements Callable<Integer> {

        @Option(names = "--checks", defaultValue = "checks", description = "Checks directory (default: ${DEFAULT-VALUE}).")
        Path checks;

        @Option(names = "--seed", defaultValue = "11", description = "Mutation seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--all", description = "Print every case, not only the failures and the accepted ones.")
        boolean all;

        @Override
        public Integer call() {
            dev.trackwatch.bench.ConfigCorpusDrill.Result result = dev.trackwatch.bench.ConfigCorpusDrill.run(checks, seed);
            dev.trackwatch.bench.ConfigCorpusDrill.print(result, System.out, all);
            return result.failures().isEmpty() ? 0 : 1;
        }
    }

    /** {@code trackwatch bench faults}: the fault drills against the real daemon, one line of figures per drill. */
    @Command(name = "faults", mixinStandardHelpOptions = true,
            description = "Fault drills: ClickHouse outage/black hole/slowness, SIGKILL restarts, Slack 429/5xx/hangs.")
    static final class Faults implements Callable<Integer> {

        @Option(names = "--drills", split = ",", defaultValue = "outage,blackhole,slow,slack,kills,corpus",
                description = "Drills to run, in order (default: ${DEFAULT-VALUE}).")
        java.util.List<String> drills;

        @Option(names = "--scale", defaultValue = "30s",
                description = "The check interval the checks' 5m becomes (default: ${DEFAULT-VALUE}).")
        String scale;

        @Option(names = "--outage", defaultValue = "2", description = "Outage length in intervals (default: ${DEFAULT-VALUE}).")
        int outage;

        @Option(names = "--kills", defaultValue = "8", description = "SIGKILL restarts (default: ${DEFAULT-VALUE}).")
        int kills;

        @Option(names = "--kill-window", defaultValue = "25s",
                description = "Each kill comes at a random moment this long after the daemon answers (default: ${DEFAULT-VALUE}).")
        String killWindow;

        @Option(names = "--seed", description = "Seed of the kill moments (default: the time).")
        Long seed;

        @Option(names = "--ports", defaultValue = "18100",
                description = "First of 100 ports: daemons take the first 20, ClickHouse and the proxy the last two (default: ${DEFAULT-VALUE}).")
        int ports;

        @Option(names = "--checks", defaultValue = "checks", description = "Checks directory (default: ${DEFAULT-VALUE}).")
        Path checks;

        @Option(names = "--dir", description = "Work directory (default: a fresh temporary one).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            for (String d : drills) {
                if (!dev.trackwatch.bench.FaultBenchmark.DRILLS.contains(d)) {
                    throw new UserFacingException("unknown drill " + d + "; known: " + dev.trackwatch.bench.FaultBenchmark.DRILLS);
                }
            }
            java.time.Duration interval = CliArguments.duration("--scale", scale);
            if (interval.toSeconds() < 30) {
                throw new UserFacingException("--scale must be at least 30s, the shortest interval a dataset accepts");
            }
            Path work = dir != null ? dir : Files.createTempDirectory("trackwatch-faults-");
            dev.trackwatch.bench.FaultBenchmark.Settings settings = new dev.trackwatch.bench.FaultBenchmark.Settings(
                    drills, interval, outage, kills, CliArguments.duration("--kill-window", killWindow),
                    seed != null ? seed : System.currentTimeMillis(), ports, 20, checks.toAbsolutePath(), work);
            return new dev.trackwatch.bench.FaultBenchmark(settings, System.out).run() == 0 ? 0 : 1;
        }
    }
}
