package dev.trackwatch.bench;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.fakes.FakeSlackMessage;
import dev.trackwatch.loader.ConfigLoader;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Drill 1 (issue 11): ClickHouse goes away for {@code outageIntervals} check intervals while a settled
 * daemon runs, as a refused connection ({@link FaultProxy.Mode#REFUSE}) or as silence
 * ({@link FaultProxy.Mode#BLACKHOLE}), then comes back. Measured: data alerts told from the outage's
 * start to the end of the drill (target 0), monitor-fault alerts (target 1, within 2 intervals), the
 * slowest {@code /health} answer, the time from healing to the end of the first run without error, and
 * whether the hour buckets that closed during the outage were judged afterwards.
 */
final class OutageDrill {

    /** A result the run could not judge, other than a baseline still learning (which is normal). */
    private static final Pattern NOT_EVALUATED = Pattern.compile("NOT_EVALUATED (?!.*: learning:)");

    private final BenchRig rig;
    private final FaultProxy.Mode mode;
    private final int outageIntervals;

    OutageDrill(BenchRig rig, FaultProxy.Mode mode, int outageIntervals) {
        this.rig = rig;
        this.mode = mode;
        this.outageIntervals = outageIntervals;
    }

    String run() throws Exception {
        String db = DrillSupport.stateDatabase("outage_" + mode.name().toLowerCase(java.util.Locale.ROOT));
        Duration interval = rig.interval();
        Duration outage = interval.multipliedBy(outageIntervals);
        try (BenchDaemon daemon = DrillSupport.startSettled(rig, db, List.of())) {
            DrillSupport.SlackWatch watch = new DrillSupport.SlackWatch(rig);
            daemon.probeHealth();
            Instant start = Instant.now();
            if (mode == FaultProxy.Mode.REFUSE) {
                rig.proxy().refuse();
            } else {
                rig.proxy().blackhole();
            }
            watch.watchFor(outage);
            rig.proxy().pass();
            Instant healed = Instant.now();
            Instant recovered = DrillSupport.awaitGoodRun(rig, db, healed, Duration.ofMinutes(3));
            // Alerts caused by the outage can come after it: watch one more interval.
            watch.watchFor(interval);
            BenchDaemon.HealthFigures health = daemon.stopProbe();

            int dataAlerts = 0;
            int faultAlerts = 0;
            Duration firstFault = null;
            for (Map.Entry<FakeSlackMessage, Instant> e : watch.seen().entrySet()) {
                if (e.getKey().threadTs() != null) {
                    continue; // a reply in an alert's thread (an update, the RESOLVED) is not another alert
                }
                if (SlackLedger.isMonitorFault(e.getKey())) {
                    faultAlerts++;
                    Duration after = Duration.between(start, e.getValue());
                    firstFault = firstFault == null || after.compareTo(firstFault) < 0 ? after : firstFault;
                } else {
                    dataAlerts++;
                }
            }
            long notEvaluated = daemon.logLines(NOT_EVALUATED, start).stream()
                    .filter(l -> l.at().isBefore(healed)).count();
            return "drill=clickhouse_outage mode=" + mode.name().toLowerCase(java.util.Locale.ROOT)
                    + " outage=" + DrillSupport.fmt(outage) + "(" + outageIntervals + "_intervals)"
                    + " data_alerts=" + dataAlerts + " fault_alerts=" + faultAlerts
                    + " first_fault_alert_after=" + DrillSupport.fmt(firstFault)
                    + " health_probes=" + health.probes() + " health_unanswered=" + health.unanswered()
                    + " health_max_ms=" + health.slowestMs()
                    + " not_evaluated_logged=" + notEvaluated
                    + " recovered_after=" + (recovered == null ? "never(3m)" : DrillSupport.fmt(Duration.between(healed, recovered)))
                    + " " + catchUp(db, start, healed);
        }
    }

    /**
     * The buckets (of every dataset, by its own {@code bucket:}) that closed during the outage, and how
     * many of them a run judged after it: a run that could not judge them must leave them for the next.
     */
    private String catchUp(String db, Instant start, Instant healed) throws Exception {
        long closed = 0;
        long judged = 0;
        for (DatasetSpec d : ConfigLoader.load(rig.checks()).spec().datasets()) {
            long size = d.bucket().toMillis();
            long firstClose = (start.toEpochMilli() / size + 1) * size;
            long lastClose = healed.toEpochMilli() / size * size;
            if (firstClose > lastClose) {
                continue;
            }
            closed += (lastClose - firstClose) / size + 1;
            judged += rig.count("SELECT count(DISTINCT bucket_start) FROM " + db + ".check_results WHERE dataset = '"
                    + d.name() + "' AND outcome != 'NOT_EVALUATED'"
                    + " AND evaluated_at >= fromUnixTimestamp64Milli(" + healed.toEpochMilli() + ")"
                    + " AND bucket_start >= fromUnixTimestamp64Milli(" + (firstClose - size) + ")"
                    + " AND bucket_start <= fromUnixTimestamp64Milli(" + (lastClose - size) + ")");
        }
        return "outage_buckets_closed=" + closed + " judged_after=" + judged;
    }
}
