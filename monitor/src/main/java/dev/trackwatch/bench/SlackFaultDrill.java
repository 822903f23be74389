package dev.trackwatch.bench;

import dev.trackwatch.fakes.FakeSlackFailure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Drill 4 (issue 12): Slack misbehaves while a fresh daemon tells its first incidents: every call is
 * answered 429 with {@code Retry-After} for {@code phaseIntervals} intervals, then 503 for as long,
 * then every call hangs ({@code hang}, longer than {@code trackwatch.slack.timeout}) for as long; then
 * Slack is well again. Measured: whether every notification the log owes reached Slack, none twice,
 * in order per group ({@link SlackLedger}), how long after Slack healed the last one arrived, and the
 * largest slip of a check run behind its schedule during the failures.
 */
final class SlackFaultDrill {

    private final BenchRig rig;
    private final int phaseIntervals;
    private final Duration hang;

    SlackFaultDrill(BenchRig rig, int phaseIntervals, Duration hang) {
        this.rig = rig;
        this.phaseIntervals = phaseIntervals;
        this.hang = hang;
    }

    String run() throws Exception {
        String db = DrillSupport.stateDatabase("slack");
        Duration interval = rig.interval();
        Duration phase = interval.multipliedBy(phaseIntervals);
        try (BenchDaemon daemon = rig.startDaemon(db, List.of())) {
            // Slack rate-limits from before the first run ends, so that run's alerts meet it; it goes on
            // for one phase after that run, then 503 for a phase, then hangs for a phase.
            rig.slack().failFor("*", Duration.ofMinutes(10), FakeSlackFailure.rateLimited(retryAfter(interval)));
            daemon.awaitUp(Duration.ofMinutes(3));
            DrillSupport.awaitFirstRun(rig, db, daemon);
            Instant firstRun = Instant.now();
            Thread.sleep(phase);
            rig.slack().clearWindows();
            rig.slack().failFor("*", phase, FakeSlackFailure.http(503));
            Thread.sleep(phase);
            rig.slack().failFor("*", phase, FakeSlackFailure.hang(hang));
            Thread.sleep(phase);
            Instant healed = Instant.now();
            int callsBefore = rig.slack().calls().size();
            Duration deliveredAfter = awaitDelivered(db, healed, Duration.ofMinutes(4));
            SlackLedger ledger = SlackLedger.compare(rig, db);
            Instant failuresFrom = firstRun;
            List<Instant> starts = DrillSupport.runStarts(rig, db, failuresFrom);
            long failed = rig.slack().calls().stream().limit(callsBefore).filter(c -> c.status() != 200).count();
            return "drill=slack_faults phases=429(retry_after=" + retryAfter(interval) + "s),503,hang("
                    + DrillSupport.fmt(hang) + ") phase=" + DrillSupport.fmt(phase) + "(" + phaseIntervals + "_intervals)"
                    + " failed_calls=" + failed + " " + ledger.figures()
                    + " delivered_after_heal=" + DrillSupport.fmt(deliveredAfter)
                    + " runs_during_failures=" + starts.stream().filter(s -> s.isBefore(healed)).count()
                    + " max_schedule_slip=" + DrillSupport.fmt(DrillSupport.maxSlip(starts, failuresFrom, healed, interval))
                    + (daemon.process().isAlive() ? "" : " daemon_died=true");
        }
    }

    private static int retryAfter(Duration interval) {
        return (int) Math.max(1, interval.toSeconds() / 3);
    }

    /** Waits until the log has nothing unsent and Slack holds every logged notification; null on timeout. */
    private Duration awaitDelivered(String db, Instant healed, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            SlackLedger l = SlackLedger.compare(rig, db);
            if (l.owed() > 0 && l.unsent() == 0 && l.lost() == 0) {
                Duration after = Duration.between(healed, Instant.now());
                // Late duplicates would come now: let Slack be quiet for two intervals first.
                DrillSupport.awaitSlackQuiet(rig, DrillSupport.QUIET, Duration.ofMinutes(1));
                return after;
            }
            Thread.sleep(1000);
        }
        return null;
    }
}
