package dev.trackwatch.bench;

import dev.trackwatch.fakes.FakeSlackMessage;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the drills share: waiting on the daemon's state with a deadline, watching the fake Slack for
 * new messages (with the time each was first seen), run start times from the state tables, and
 * formatting of durations for the figure lines.
 */
final class DrillSupport {

    private DrillSupport() {
    }

    /** Starts a daemon on a fresh state database and waits until it has finished a run with no error. */
    static BenchDaemon startSettled(BenchRig rig, String db, List<String> jvmOptions) throws Exception {
        BenchDaemon daemon = rig.startDaemon(db, jvmOptions);
        try {
            daemon.awaitUp(Duration.ofMinutes(3));
            awaitFirstRun(rig, db, daemon);
            awaitSlackQuiet(rig, QUIET, Duration.ofMinutes(2));
            return daemon;
        } catch (Exception e) {
            daemon.close();
            throw e;
        }
    }

    /** How long the fake Slack must have had no call for a drill to call the daemon settled. */
    static final Duration QUIET = Duration.ofSeconds(10);

    private static final java.util.regex.Pattern LOADED = java.util.regex.Pattern.compile("checks: loaded config \\w+ \\((\\d+) dataset");

    private static List<String[]> goodRuns(BenchRig rig, String db) throws InterruptedException {
        try {
            return rig.query("SELECT count(DISTINCT dataset), max(toUnixTimestamp64Milli(started_at) + duration_ms) FROM " + db
                    + ".check_runs WHERE error = '' HAVING count() > 0");
        } catch (IOException e) {
            return List.of(); // the state tables do not exist yet
        }
    }

    private static final java.util.regex.Pattern REJECTED = java.util.regex.Pattern.compile("reload rejected");

    /** Waits for the daemon's first run without error; throws when its checks were rejected or it took 6 minutes. */
    static Instant awaitFirstRun(BenchRig rig, String db, BenchDaemon daemon) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (System.nanoTime() < deadline) {
            // Settled only when every dataset of the loaded config has had a run without error.
            List<BenchDaemon.LogLine> loaded = daemon.logLines(LOADED, Instant.EPOCH);
            if (!loaded.isEmpty()) {
                java.util.regex.Matcher m = LOADED.matcher(loaded.getLast().text());
                long datasets = m.find() ? Long.parseLong(m.group(1)) : 1;
                List<String[]> rows = goodRuns(rig, db);
                if (!rows.isEmpty() && Long.parseLong(rows.getFirst()[0]) >= datasets) {
                    return Instant.ofEpochMilli(Long.parseLong(rows.getFirst()[1]));
                }
            }
            List<BenchDaemon.LogLine> rejected = daemon.logLines(REJECTED, Instant.EPOCH);
            if (!rejected.isEmpty()) {
                throw new IllegalStateException(rejected.getFirst().text());
            }
            if (!daemon.process().isAlive()) {
                throw new IllegalStateException("daemon exited; last lines:\n" + daemon.process().tail(20));
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no run without error within 6 minutes of the start");
    }

    /** Waits for a run started at or after {@code since} that ended with no error; returns its end, or null. */
    static Instant awaitGoodRun(BenchRig rig, String db, Instant since, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Instant end = firstGoodRunEnd(rig, db, since);
            if (end != null) {
                return end;
            }
            Thread.sleep(500);
        }
        return null;
    }

    private static Instant firstGoodRunEnd(BenchRig rig, String db, Instant since) throws InterruptedException {
        try {
            List<String[]> rows = rig.query("SELECT toUnixTimestamp64Milli(started_at) + duration_ms FROM " + db
                    + ".check_runs WHERE error = '' AND started_at >= fromUnixTimestamp64Milli(" + since.toEpochMilli()
                    + ") ORDER BY started_at LIMIT 1");
            return rows.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(rows.getFirst()[0]));
        } catch (IOException e) {
            return null; // the state tables do not exist yet
        }
    }

    /** The start times of the runs recorded in {@code db} from {@code since} on, oldest first. */
    static List<Instant> runStarts(BenchRig rig, String db, Instant since) throws Exception {
        List<Instant> starts = new ArrayList<>();
        for (String[] row : rig.query("SELECT toUnixTimestamp64Milli(started_at) FROM " + db + ".check_runs WHERE started_at >= "
                + "fromUnixTimestamp64Milli(" + since.toEpochMilli() + ") ORDER BY started_at")) {
            starts.add(Instant.ofEpochMilli(Long.parseLong(row[0])));
        }
        return starts;
    }

    /**
     * The largest delay of a run start behind its schedule within {@code [from, to]}: the longest gap
     * between consecutive starts (the window's ends count as starts) minus the interval, at least 0.
     */
    static Duration maxSlip(List<Instant> starts, Instant from, Instant to, Duration interval) {
        List<Instant> points = new ArrayList<>();
        points.add(from);
        starts.stream().filter(s -> !s.isBefore(from) && !s.isAfter(to)).forEach(points::add);
        points.add(to);
        Duration worst = Duration.ZERO;
        for (int i = 1; i < points.size(); i++) {
            Duration slip = Duration.between(points.get(i - 1), points.get(i)).minus(interval);
            if (slip.compareTo(worst) > 0) {
                worst = slip;
            }
        }
        return worst;
    }

    /** Waits until the fake Slack has had no call for {@code quiet}, at most {@code timeout}. */
    static void awaitSlackQuiet(BenchRig rig, Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = rig.slack().calls().size();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            int now = rig.slack().calls().size();
            if (now != seen) {
                seen = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= quiet.toNanos()) {
                return;
            }
        }
    }

    /** Watches the fake Slack from now on: which messages are new, and when each was first seen. */
    static final class SlackWatch {
        private final BenchRig rig;
        private final java.util.Set<String> before = new java.util.HashSet<>();
        private final Map<String, Instant> firstSeen = new LinkedHashMap<>();
        private final Map<String, FakeSlackMessage> latest = new LinkedHashMap<>();

        SlackWatch(BenchRig rig) {
            this.rig = rig;
            rig.slack().allMessages().forEach(m -> before.add(key(m)));
        }

        /** Looks once; call it often (every half second) for the first-seen times to be exact. */
        void poll() {
            Instant now = Instant.now();
            for (FakeSlackMessage m : rig.slack().allMessages()) {
                if (!before.contains(key(m))) {
                    firstSeen.putIfAbsent(key(m), now);
                    latest.put(key(m), m);
                }
            }
        }

        /** Polls every half second for {@code duration}. */
        void watchFor(Duration duration) throws InterruptedException {
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                poll();
                Thread.sleep(500);
            }
        }

        /** The new messages with the time each was first seen. */
        Map<FakeSlackMessage, Instant> seen() {
            Map<FakeSlackMessage, Instant> out = new LinkedHashMap<>();
            latest.forEach((k, m) -> out.put(m, firstSeen.get(k)));
            return out;
        }

        private static String key(FakeSlackMessage m) {
            return m.channel() + "/" + m.ts();
        }
    }

    /** A duration for a figure line: {@code 12.3s}, or {@code none}. */
    static String fmt(Duration d) {
        return d == null ? "none" : String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    /** A fresh state database name for a drill: lower-case letters, digits and {@code _}. */
    static String stateDatabase(String drill) {
        return "bench_" + drill + "_" + Long.toString(System.currentTimeMillis() / 1000, 36);
    }
}
