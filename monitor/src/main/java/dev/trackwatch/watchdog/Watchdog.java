package dev.trackwatch.watchdog;

import dev.trackwatch.config.Severity;
import dev.trackwatch.notify.AlertMessage;
import dev.trackwatch.notify.Delivery;
import dev.trackwatch.notify.Notification;
import dev.trackwatch.notify.NotificationSink;
import dev.trackwatch.route.Receiver;
import dev.trackwatch.run.BlindTime;
import dev.trackwatch.watchdog.WatchdogState.Outage;
import dev.trackwatch.watchdog.WatchdogState.Blind;
import dev.trackwatch.watchdog.WatchdogState.Step;
import dev.trackwatch.watchdog.WatchdogState.Told;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Tells the platform team that ClickHouse is unreachable without needing ClickHouse: incidents,
 * the notification log and silences live in the ClickHouse that is gone, so this path keeps its
 * own state ({@link StateFile}) and hands its messages straight to the {@link NotificationSink}.
 *
 * <p>It learns from evidence ({@link #observe}: every run, and its own probe on each
 * {@link #tick}): once ClickHouse has not answered for longer than {@code downAfter}, each receiver
 * is told FIRING once; when it has answered again for {@code upAfter}, RESOLVED once (in the FIRING
 * message's thread). A ClickHouse that fails again within {@code upAfter} continues the same outage,
 * so a flapping server is one FIRING and one RESOLVED, not a pair per flap.
 * A message is marked pending in the file before it is handed to the sink, and a pending one is
 * looked up in the sink after a restart ({@link NotificationSink#lookup}), so that a restart
 * neither repeats nor loses it. The spans without ClickHouse are the monitor's blind time
 * ({@link BlindTime}), which the runner defers buckets for. Thread-safe.
 */
public final class Watchdog implements BlindTime {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    /** The pseudo-dataset of the outage alert; dataset names cannot contain '/'. */
    public static final String DATASET = "clickhouse/";
    /** The check name of the outage alert. */
    public static final String CHECK = "clickhouse_reachable";
    /** Blind spans older than this are forgotten: the runner judges at most 7 days back. */
    private static final Duration KEEP_BLIND = Duration.ofDays(8);
    private static final int MAX_SPANS = 50;

    private final StateFile file;
    private final NotificationSink sink;
    private final Supplier<List<Receiver>> receivers;
    private final Duration downAfter;
    private final Duration upAfter;
    private final String runbookUrl;
    /** Immutable and replaced whole, so the gauges and the runner read it without the lock a delivery holds. */
    private volatile WatchdogState state;
    private boolean toldNoReceiver;

    /**
     * @param receivers who is told, from the running config (empty until a config is loaded)
     * @param downAfter how long ClickHouse must be unreachable before anyone is told
     * @param upAfter how long ClickHouse must answer again before an outage that was told is resolved
     * @param runbookUrl the runbook linked in the message
     */
    public Watchdog(java.nio.file.Path stateFile, NotificationSink sink, Supplier<List<Receiver>> receivers,
                    Duration downAfter, Duration upAfter, String runbookUrl) {
        this.file = new StateFile(stateFile);
        this.sink = sink;
        this.receivers = receivers;
        this.downAfter = downAfter;
        this.upAfter = upAfter;
        this.runbookUrl = runbookUrl;
        this.state = file.read();
    }

    /** Takes one piece of evidence: ClickHouse answered at {@code at} ({@code failure} null) or did not. */
    public synchronized void observe(String failure, Instant at) {
        WatchdogState s = state;
        if (failure == null) {
            if (s.downSince() != null) {
                List<Blind> blind = new ArrayList<>(s.blind());
                blind.add(new Blind(s.lastReachable() != null ? s.lastReachable() : s.downSince(), at));
                blind.removeIf(span -> span.to().isBefore(at.minus(KEEP_BLIND)));
                LOG.info("watchdog: ClickHouse answers again, unreachable since {}", s.downSince());
                state = new WatchdogState(at, null, null, blind.subList(Math.max(0, blind.size() - MAX_SPANS),
                        blind.size()), s.outage());
                save();
            } else if (s.lastReachable() == null || at.isAfter(s.lastReachable())) {
                state = new WatchdogState(at, null, null, s.blind(), s.outage());
            }
            return;
        }
        if (s.downSince() == null) {
            LOG.warn("watchdog: ClickHouse did not answer: {}", failure);
            state = new WatchdogState(s.lastReachable(), at, failure, s.blind(), s.outage());
            save();
        } else {
            state = new WatchdogState(s.lastReachable(), s.downSince(), failure, s.blind(), s.outage());
        }
    }

    /** Tells what is due at {@code now}: FIRING past the threshold, RESOLVED after recovery, retries. */
    public synchronized void tick(Instant now) throws InterruptedException {
        WatchdogState s = state;
        if (s.outage() == null && s.downSince() != null && !now.isBefore(s.downSince().plus(downAfter))) {
            List<Told> told = receivers.get().stream().map(r -> new Told(r.name(), r.slackChannel(),
                    r.mention() != null && !r.mention().isBlank() ? r.mention() : "@" + r.name(), Step.NONE, null,
                    Step.NONE, null)).distinct().toList();
            if (told.isEmpty()) {
                if (!toldNoReceiver) {
                    LOG.warn("watchdog: ClickHouse unreachable since {}: {}; no receiver to tell", s.downSince(), s.reason());
                    toldNoReceiver = true;
                }
                return;
            }
            toldNoReceiver = false;
            LOG.error("watchdog: ClickHouse unreachable since {}: {}", s.downSince(), s.reason());
            state = new WatchdogState(s.lastReachable(), s.downSince(), s.reason(), s.blind(),
                    new Outage(s.downSince(), s.reason(), told));
            save();
        }
        Outage outage = state.outage();
        if (outage == null) {
            save();
            return;
        }
        boolean down = state.downSince() != null || settling(state, now);
        List<Told> next = new ArrayList<>();
        for (Told t : outage.told()) {
            next.add(down ? fire(outage, t, now) : resolve(outage, t, now));
            state = withOutage(new Outage(outage.since(), outage.reason(), merge(next, outage.told())));
        }
        boolean done = !down && next.stream().allMatch(t -> t.resolved() == Step.SENT || t.firing() == Step.NONE);
        state = withOutage(done ? null : state.outage());
        save();
    }

    /** Whether ClickHouse came back less than {@code upAfter} before {@code now}: too soon to resolve. */
    private boolean settling(WatchdogState s, Instant now) {
        if (s.blind().isEmpty()) {
            return false;
        }
        Instant back = s.blind().getLast().to();
        return back != null && now.isBefore(back.plus(upAfter));
    }

    /** Returns whether the outage alert is open (told or about to be). */
    public boolean firing() {
        WatchdogState s = state;
        return s.outage() != null && s.downSince() != null;
    }

    /** Returns whether the last evidence said ClickHouse answers. */
    public boolean reachable() {
        return state.downSince() == null;
    }

    @Override
    public List<BlindTime.Span> spans() {
        WatchdogState s = state;
        List<BlindTime.Span> spans = new ArrayList<>();
        s.blind().forEach(b -> spans.add(new BlindTime.Span(b.from(), b.to())));
        if (s.downSince() != null) {
            spans.add(new BlindTime.Span(s.lastReachable() != null ? s.lastReachable() : s.downSince(), null));
        }
        return spans;
    }

    private Told fire(Outage outage, Told t, Instant now) throws InterruptedException {
        if (t.firing() == Step.SENT) {
            return t;
        }
        Notification n = notification(outage, t, Notification.Type.FIRING, now);
        String ts = send(n, t, now);
        return ts == null ? new Told(t.receiver(), t.channel(), t.mention(), Step.PENDING, null, t.resolved(), loggedAt(t, now))
                : new Told(t.receiver(), t.channel(), t.mention(), Step.SENT, ts, t.resolved(), null);
    }

    private Told resolve(Outage outage, Told t, Instant now) throws InterruptedException {
        if (t.firing() == Step.PENDING) {
            // Whether the FIRING got out decides whether there is anything to resolve.
            Notification firing = notification(outage, t, Notification.Type.FIRING, now);
            NotificationSink.Lookup found = sink.lookup(firing, t.loggedAt());
            if (undecided(found)) {
                return t;
            }
            t = found.state() == NotificationSink.Lookup.State.DELIVERED
                    ? new Told(t.receiver(), t.channel(), t.mention(), Step.SENT, found.ts(), Step.NONE, null)
                    : new Told(t.receiver(), t.channel(), t.mention(), Step.NONE, null, Step.NONE, null);
        }
        if (t.firing() != Step.SENT || t.resolved() == Step.SENT) {
            return t;
        }
        Notification n = notification(outage, t, Notification.Type.RESOLVED, now);
        String ts = send(n, t, now);
        return new Told(t.receiver(), t.channel(), t.mention(), t.firing(), t.firingTs(),
                ts == null ? Step.PENDING : Step.SENT, ts == null ? loggedAt(t, now) : null);
    }

    /**
     * Delivers {@code n} once: a message pending from before (a crash, a failed attempt) is first
     * looked up in the sink. Returns the delivered message's ts, or null when it is still pending.
     */
    private String send(Notification n, Told t, Instant now) throws InterruptedException {
        boolean pending = n.type() == Notification.Type.FIRING ? t.firing() == Step.PENDING : t.resolved() == Step.PENDING;
        if (pending && t.loggedAt() != null) {
            NotificationSink.Lookup found = sink.lookup(n, t.loggedAt());
            if (found.state() == NotificationSink.Lookup.State.DELIVERED) {
                return found.ts() == null ? n.id() : found.ts();
            }
            if (undecided(found)) {
                return null;
            }
        }
        // Marked pending on disk before the sink sees it, so a crash in between is looked up, not repeated.
        Told marked = n.type() == Notification.Type.FIRING
                ? new Told(t.receiver(), t.channel(), t.mention(), Step.PENDING, null, t.resolved(), loggedAt(t, now))
                : new Told(t.receiver(), t.channel(), t.mention(), t.firing(), t.firingTs(), Step.PENDING, loggedAt(t, now));
        Outage outage = state.outage();
        state = withOutage(new Outage(outage.since(), outage.reason(), merge(List.of(marked), outage.told())));
        save();
        Delivery d = sink.deliver(n);
        if (!d.isOk()) {
            LOG.warn("watchdog: {} to {} not delivered: {} {}", n.type(), n.receiver(), d.method(), d.error());
            return null;
        }
        LOG.info("watchdog: told {} {} about ClickHouse", n.receiver(), n.type());
        return d.ts() == null ? n.id() : d.ts();
    }

    private static Instant loggedAt(Told t, Instant now) {
        return t.loggedAt() != null ? t.loggedAt() : now;
    }

    /** The message for one receiver: FIRING is message 1 of the outage's group, RESOLVED message 2. */
    private Notification notification(Outage outage, Told t, Notification.Type type, Instant now) {
        String group = "watchdog/" + CHECK + "/" + t.receiver() + "/" + outage.since().toEpochMilli();
        int seq = type == Notification.Type.FIRING ? 1 : 2;
        AlertMessage message = AlertMessage.builder()
                .title("Trackwatch cannot reach ClickHouse: " + outage.reason()).dataset(DATASET)
                .since(outage.since()).severity(Severity.CRITICAL).ownerMention(t.mention()).runbookUrl(runbookUrl)
                .status(type == Notification.Type.RESOLVED ? AlertMessage.Status.RESOLVED : AlertMessage.Status.FIRING)
                .groupKey(group).alertCount(1).build();
        return new Notification(Notification.idOf(group, seq), group, seq, type, t.receiver(), t.channel(),
                CHECK, type == Notification.Type.FIRING ? null : t.firingTs(), message, now);
    }

    /** Replaces the entries of {@code updated}'s receivers in {@code all}. */
    private static List<Told> merge(List<Told> updated, List<Told> all) {
        List<Told> out = new ArrayList<>();
        for (Told t : all) {
            out.add(updated.stream().filter(u -> u.receiver().equals(t.receiver())).findFirst().orElse(t));
        }
        return out;
    }

    private WatchdogState withOutage(Outage outage) {
        WatchdogState s = state;
        return new WatchdogState(s.lastReachable(), s.downSince(), s.reason(), s.blind(), outage);
    }

    private void save() {
        try {
            file.write(state);
        } catch (RuntimeException e) {
            LOG.warn("watchdog: {}", e.getMessage());
        }
    }

    /** Whether a look-up left it open whether the message got out (the watchdog then waits and asks again). */
    private static boolean undecided(NotificationSink.Lookup found) {
        return found.state() == NotificationSink.Lookup.State.UNKNOWN
                || found.state() == NotificationSink.Lookup.State.UNANSWERABLE;
    }
}
