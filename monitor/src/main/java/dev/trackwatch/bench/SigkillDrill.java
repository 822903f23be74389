package dev.trackwatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drill 3 (issue 12): a fresh daemon is killed with SIGKILL {@code kills} times, each time at a
 * random moment within {@code window} after it first answers {@code /health} (migrations, the
 * first runs, the notifications they send), and restarted on the same state; the last start runs until everything
 * owed was delivered or four minutes passed. Then what the fake Slack holds is compared with the
 * notification log ({@link SlackLedger}: duplicates and lost notifications, RESOLVED included, both
 * targets 0), and every open incident that is not suppressed must have its group in Slack.
 */
final class SigkillDrill {

    private static final Pattern INCIDENT = Pattern.compile(
            "\"id\":\"([^\"]+)\",\"dataset\":\"([^\"]+)\",\"check\":\"([^\"]+)\"");

    private final BenchRig rig;
    private final int kills;
    private final Duration window;
    private final long seed;

    SigkillDrill(BenchRig rig, int kills, Duration window, long seed) {
        this.rig = rig;
        this.kills = kills;
        this.window = window;
        this.seed = seed;
    }

    String run() throws Exception {
        String db = DrillSupport.stateDatabase("kills");
        Random random = new Random(seed);
        List<Long> killedAtMs = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            long at = 1000 + (long) (random.nextDouble() * (window.toMillis() - 1000));
            BenchDaemon daemon = rig.startDaemon(db, List.of());
            // From the moment it answers: start-up itself is mostly the JVM, the moments that matter
            // (migrations, the first run, its deliveries and their log rows) come after.
            daemon.awaitUp(Duration.ofMinutes(3));
            Thread.sleep(at);
            daemon.process().kill();
            killedAtMs.add(at);
        }
        int postsBeforeLastStart = rig.slack().calls("chat.postMessage").size();
        try (BenchDaemon daemon = rig.startDaemon(db, List.of())) {
            daemon.awaitUp(Duration.ofMinutes(3));
            Instant restarted = Instant.now();
            Instant run = DrillSupport.awaitGoodRun(rig, db, restarted, Duration.ofMinutes(6));
            Duration settle = awaitSettled(db, Duration.ofMinutes(4));
            SlackLedger ledger = SlackLedger.compare(rig, db);
            int untold = untoldOpenIncidents(daemon);
            return "drill=sigkill_restarts kills=" + kills + " kill_window=" + DrillSupport.fmt(window) + " seed=" + seed
                    + " killed_after_ms=" + killedAtMs.toString().replace(" ", "")
                    + " posts_before_last_start=" + postsBeforeLastStart
                    + " " + ledger.figures() + " untold_open_incidents=" + untold
                    + " first_good_run_after_last_start=" + (run == null ? "never(6m)" : DrillSupport.fmt(Duration.between(restarted, run)))
                    + " settled_after=" + DrillSupport.fmt(settle);
        }
    }

    /** Waits until nothing is unsent or missing and Slack has been quiet for two intervals; null on timeout. */
    private Duration awaitSettled(String db, Duration timeout) throws Exception {
        Instant from = Instant.now();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            SlackLedger l = SlackLedger.compare(rig, db);
            if (l.unsent() == 0 && l.lost() == 0 && l.owed() > 0) {
                DrillSupport.awaitSlackQuiet(rig, DrillSupport.QUIET, Duration.ofMinutes(1));
                return Duration.between(from, Instant.now());
            }
            Thread.sleep(1000);
        }
        return null;
    }

    /** Open incidents that are not suppressed and whose dataset and check have no message in Slack. */
    private int untoldOpenIncidents(BenchDaemon daemon) throws Exception {
        String incidents = daemon.get("/api/incidents");
        String suppressed = daemon.get("/api/suppressed");
        List<String> groups = rig.slack().allMessages().stream().map(SlackLedger::groupAndStatus)
                .filter(java.util.Objects::nonNull).map(g -> g[0]).toList();
        int untold = 0;
        Matcher m = INCIDENT.matcher(incidents);
        while (m.find()) {
            if (suppressed.contains("\"" + m.group(1) + "\"")) {
                continue;
            }
            String dataset = "dataset=" + m.group(2) + ",";
            String check = "check=" + m.group(3) + ",";
            if (groups.stream().noneMatch(g -> g.contains(dataset) && g.contains(check))) {
                untold++;
            }
        }
        return untold;
    }
}
