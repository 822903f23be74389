package dev.trackwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code trackwatch} command line: one entry point for the daemon, the embedded ClickHouse,
 * the demo and the tools. Each subcommand is its own class.
 */
@Command(name = "trackwatch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Data-quality monitor for product-analytics event tables on ClickHouse.",
        subcommands = {ServeCommand.class, DemoCommand.class, ClickHouseCommand.class, BenchCommand.class, ValidateCommand.class,
                RunOnceCommand.class, DetectCommand.class, BacktestCommand.class, RoutesCommand.class, SilenceCommand.class})
public final class TrackwatchCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit status; used by tests. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new TrackwatchCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UserFacingException || e instanceof dev.trackwatch.embedded.EmbeddedClickHouseException) {
                commandLine.getErr().println("trackwatch: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
