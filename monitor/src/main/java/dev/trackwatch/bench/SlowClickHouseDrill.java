package dev.trackwatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Drill 2 (issue 11): ClickHouse answers, but slowly: the proxy holds every chunk longer than the
 * daemon's query timeout ({@code trackwatch.run.max-execution-time}, set to half an interval) for
 * {@code slowIntervals} intervals. Measured: runs reported NOT_EVALUATED with a timeout (target: the
 * runs of that time), whether the next runs still started on schedule (the largest slip of a run start
 * behind the interval, from {@code check_runs}), and whether {@code /health} kept answering.
 */
final class SlowClickHouseDrill {

    /** A result the run could not judge, other than a baseline still learning (which is normal). */
    private static final Pattern NOT_EVALUATED = Pattern.compile("NOT_EVALUATED (?!.*: learning:)");
    private static final Pattern TIMEOUT = Pattern.compile("(?i)time[ d]*out|timed out|code: ?159|deadline|too slow");

    private final BenchRig rig;
    private final int slowIntervals;

    SlowClickHouseDrill(BenchRig rig, int slowIntervals) {
        this.rig = rig;
        this.slowIntervals = slowIntervals;
    }

    /** The first run start at or after {@code healed} (the end of a blockage), or now when none came. */
    private static Instant firstAfter(List<Instant> starts, Instant healed) {
        return starts.stream().filter(s -> !s.isBefore(healed)).findFirst().orElse(Instant.now());
    }

    String run() throws Exception {
        String db = DrillSupport.stateDatabase("slow");
        Duration interval = rig.interval();
        Duration timeout = interval.dividedBy(2);
        Duration perChunk = timeout.multipliedBy(2);
        Duration slow = interval.multipliedBy(slowIntervals);
        try (BenchDaemon daemon = DrillSupport.startSettled(rig, db,
                List.of("-Dtrackwatch.run.max-execution-time=" + timeout.toSeconds() + "s"))) {
            daemon.probeHealth();
            Instant start = Instant.now();
            rig.proxy().delay(perChunk);
            Thread.sleep(slow);
            rig.proxy().pass();
            Instant healed = Instant.now();
            Instant recovered = DrillSupport.awaitGoodRun(rig, db, healed, Duration.ofMinutes(3));
            // Runs that hung in the slow phase record themselves when they end: give them an interval.
            Thread.sleep(interval);
            BenchDaemon.HealthFigures health = daemon.stopProbe();

            List<BenchDaemon.LogLine> notEvaluated = daemon.logLines(NOT_EVALUATED, start).stream()
                    .filter(l -> l.at().isBefore(healed.plus(interval))).toList();
            long timeouts = notEvaluated.stream().filter(l -> TIMEOUT.matcher(l.text()).find()).count();
            List<Instant> starts = DrillSupport.runStarts(rig, db, start.minus(interval));
            long startedDuring = starts.stream().filter(s -> !s.isBefore(start) && s.isBefore(healed)).count();
            long expected = slow.toMillis() / interval.toMillis();
            return "drill=slow_clickhouse delay_per_chunk=" + DrillSupport.fmt(perChunk)
                    + " query_timeout=" + DrillSupport.fmt(timeout)
                    + " slow_for=" + DrillSupport.fmt(slow) + "(" + slowIntervals + "_intervals)"
                    + " not_evaluated_logged=" + notEvaluated.size() + " with_timeout=" + timeouts
                    + " runs_started_during=" + startedDuring + "/" + expected
                    + " max_schedule_slip=" + DrillSupport.fmt(DrillSupport.maxSlip(starts, start, firstAfter(starts, healed), interval))
                    + " health_probes=" + health.probes() + " health_unanswered=" + health.unanswered()
                    + " health_max_ms=" + health.slowestMs()
                    + " recovered_after=" + (recovered == null ? "never(3m)" : DrillSupport.fmt(Duration.between(healed, recovered)));
        }
    }
}
