package dev.trackwatch.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code trackwatch bench faults}: the fault drills of issues 11 and 12 against the real daemon (a
 * child JVM running {@code serve} with the demo feed), the embedded ClickHouse in its own process
 * behind a {@link FaultProxy}, and the fake Slack Web API. Time is scaled down: a dataset's
 * {@code interval:} (5 m in checks/) becomes {@link Settings#interval}, and every drill's durations
 * are counted in intervals. Each drill starts its own daemon on a fresh state database and a fresh
 * fake Slack, and prints one line of {@code key=value} figures; a drill that breaks prints
 * {@code error=...} and the bench goes on with the next.
 */
public final class FaultBenchmark {

    /** The drills in the order they run. */
    public static final List<String> DRILLS = List.of("outage", "blackhole", "slow", "slack", "kills", "corpus");

    /**
     * What to run and how time is scaled.
     *
     * @param drills          drill names from {@link #DRILLS}
     * @param interval        the scaled check interval (production: 5 m)
     * @param outageIntervals how many intervals ClickHouse is away (refused or black-holed) or slow
     * @param kills           SIGKILL restarts of the kill drill
     * @param killWindow      each kill comes at a random moment within this long after a start
     * @param seed            seed of the kill moments
     * @param firstPort       daemons listen on ports from here on
     * @param portCount       how many ports from {@code firstPort} the bench may use
     * @param checks          the checks tree to copy and scale
     * @param dir             the work directory (ClickHouse data, logs)
     */
    public record Settings(List<String> drills, Duration interval, int outageIntervals, int kills, Duration killWindow,
                           long seed, int firstPort, int portCount, Path checks, Path dir) {
    }

    private final Settings settings;
    private final PrintStream out;

    public FaultBenchmark(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs the drills; returns how many failed to run (not how many missed their targets). */
    public int run() throws Exception {
        Duration i = settings.interval();
        out.printf(Locale.ROOT, "scale: interval=%ds (checks/ say 5m: 1 bench second = %.0f real seconds); outage=%d intervals;"
                        + " kills=%d, each within %ds of the daemon answering; work dir %s%n", i.toSeconds(), 300.0 / i.toSeconds(),
                settings.outageIntervals(), settings.kills(), settings.killWindow().toSeconds(), settings.dir());
        int broken = 0;
        Instant began = Instant.now();
        // A bench stopped with Ctrl-C must not leave its daemons and its ClickHouse running.
        Thread reaper = new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(reaper);
        try (BenchRig rig = BenchRig.start(settings.dir(), settings.checks(), i, settings.firstPort(), settings.portCount())) {
            for (String drill : settings.drills()) {
                rig.resetSlack();
                rig.proxy().pass();
                Instant t = Instant.now();
                String line;
                try {
                    line = runDrill(rig, drill);
                } catch (Exception | AssertionError e) {
                    broken++;
                    line = "drill=" + drill + " error=" + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                            .replace(' ', '_');
                }
                out.println(line + " took=" + DrillSupport.fmt(Duration.between(t, Instant.now())));
                out.flush();
            }
        }
        out.println("bench faults: " + settings.drills().size() + " drills in "
                + DrillSupport.fmt(Duration.between(began, Instant.now())) + ", " + broken + " broken; logs in " + settings.dir());
        return broken;
    }

    private String runDrill(BenchRig rig, String drill) throws Exception {
        return switch (drill) {
            case "outage" -> new OutageDrill(rig, FaultProxy.Mode.REFUSE, settings.outageIntervals()).run();
            case "blackhole" -> new OutageDrill(rig, FaultProxy.Mode.BLACKHOLE, settings.outageIntervals()).run();
            case "slow" -> new SlowClickHouseDrill(rig, settings.outageIntervals()).run();
            case "slack" -> new SlackFaultDrill(rig, 2, settings.interval().multipliedBy(4)).run();
            case "kills" -> new SigkillDrill(rig, settings.kills(), settings.killWindow(), settings.seed()).run();
            // Drill 5, the malformed-config corpus: in process, no daemon, so the rig goes unused.
            case "corpus" -> ConfigCorpusDrill.run(settings.checks(), settings.seed()).summary();
            default -> throw new IllegalArgumentException("unknown drill " + drill + "; known: " + DRILLS);
        };
    }
}
