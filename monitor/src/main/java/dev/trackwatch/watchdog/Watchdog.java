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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Tells the platform team that ClickHouse is unreachable without needing ClickHouse: incidents,
 * the notification log and silences live in the ClickHouse that is gone, so this path keeps its
 * own state ({@link StateFile}) and hands its messages straight to the {@link NotificationSink}.
 *
 * <p>It learns from evidence ({@link #observe}: every run, and its own probe on each
 * {@link #tick}): once ClickHouse has not answered for longer than {@code downAfter}, each receiver
 * is told FIRING once; when it has answered again for {@code upAfter} (a ClickHouse that answers
 * now and then stays one outage), RESOLVED once (in the FIRING message's thread).
 * A message is marked pending in the file before it is handed to the sink, and a pending one is
 * looked up in the sink after a restart ({@link NotificationSink#lookup}), so that a restart
 * neither repeats nor loses it. The spans without ClickHouse are the monitor's blind time
 * ({@link BlindTime}), which the runner defers buckets for. Thread-safe.
 *
 * <p>Every message is bounded, so that one that cannot be told never keeps an outage open (and
 * with it every later one unannounced): a look-up the sink cannot answer ({@code conversations.history}
 * unreadable) {@link #LOOKUP_ATTEMPTS} times or for {@link #LOOKUP_AGE} is given up and the message
 * delivered with a note that it may repeat (WARN, {@code trackwatch_watchdog_lookup_abandoned_total});
 * a permanent sink error is final, and a RESOLVED still undelivered after {@link #GIVE_UP_AGE} is
 * dropped (WARN, {@code trackwatch_watchdog_messages_failed_total{reason}}). A FIRING that never got
 * out is followed, once ClickHouse answers, by one message saying from when to when it was unreachable.
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
    /** Unanswered look-ups of one pending message before it is delivered regardless (as notify's Deliverer). */
    static final int LOOKUP_ATTEMPTS = 3;
    /** Age of a pending message after which an unanswered look-up no longer holds it back. */
    static final Duration LOOKUP_AGE = Duration.ofMinutes(10);
    /** Age after which a RESOLVED the sink keeps refusing is dropped, so the outage closes. */
    static final Duration GIVE_UP_AGE = Duration.ofHours(1);
    /** The note a message delivered without a look-up answer carries. */
    static final String MAY_REPEAT = " (may repeat a message sent before: Slack's history could not be read)";

    private final StateFile file;
    private final NotificationSink sink;
    private final Supplier<List<Receiver>> receivers;
    private final Duration downAfter;
    private final Duration upAfter;
    private final String runbookUrl;
    private final MeterRegistry registry;
    /** Unanswered look-ups by message id; in memory only, the age bound covers a restart. */
    private final Map<String, Integer> unanswered = new java.util.HashMap<>();
    /** The first answer of the current run of answers while down; in memory only, a restart starts it again. */
    private Instant upSince;
    /** Immutable and replaced whole, so the gauges and the runner read it without the lock a delivery holds. */
    private volatile WatchdogState state;
    private boolean toldNoReceiver;

    /**
     * @param receivers who is told, from the running config (empty until a config is loaded)
     * @param downAfter how long ClickHouse must be unreachable before anyone is told
     * @param runbookUrl the runbook linked in the message
     */
    public Watchdog(java.nio.file.Path stateFile, NotificationSink sink, Supplier<List<Receiver>> receivers,
                    Duration downAfter, String runbookUrl) {
        this(stateFile, sink, receivers, downAfter, Duration.ZERO, runbookUrl, new SimpleMeterRegistry());
    }

    /**
     * @param upAfter how long ClickHouse must answer without a failure before it counts as back
     * @param registry where the abandoned look-ups and failed messages are counted
     */
    public Watchdog(java.nio.file.Path stateFile, NotificationSink sink, Supplier<List<Receiver>> receivers,
                    Duration downAfter, Duration upAfter, String runbookUrl, MeterRegistry registry) {
        this.file = new StateFile(stateFile);
        this.sink = sink;
        this.receivers = receivers;
        this.downAfter = downAfter;
        this.upAfter = upAfter;
        this.runbookUrl = runbookUrl;
        this.registry = registry;
        this.state = file.read();
    }

    /** Takes one piece of evidence: ClickHouse answered at {@code at} ({@code failure} null) or did not. */
    public synchronized void observe(String failure, Instant at) {
        WatchdogState s = state;
        if (failure == null) {
            if (s.downSince() != null && upSince == null) {
                upSince = at;
            }
            if (s.downSince() != null && at.isBefore(upSince.plus(upAfter))) {
                return; // answering again, not yet for long enough to count as back
            }
            if (s.downSince() != null) {
                upSince = null;
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
        upSince = null;
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
        boolean down = state.downSince() != null;
        List<Told> next = new ArrayList<>();
        for (Told t : outage.told()) {
            next.add(down ? fire(outage, t, now) : resolve(outage, t, now));
            state = withOutage(new Outage(outage.since(), outage.reason(), merge(next, outage.told())));
        }
        boolean done = !down && next.stream().allMatch(t -> t.firing() == Step.FAILED
                || t.resolved() == Step.SENT || t.resolved() == Step.FAILED);
        state = withOutage(done ? null : state.outage());
        save();
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
        if (t.firing() == Step.SENT || t.firing() == Step.FAILED) {
            return t;
        }
        Sent sent = send(notification(outage, t, Notification.Type.FIRING, now), t, now);
        return new Told(t.receiver(), t.channel(), t.mention(), sent.step(), sent.ts(), t.resolved(),
                sent.step() == Step.PENDING ? loggedAt(t, now) : null);
    }

    private Told resolve(Outage outage, Told t, Instant now) throws InterruptedException {
        if (t.firing() == Step.PENDING) {
            // Whether the FIRING got out decides between a RESOLVED in its thread and one summary.
            Notification firing = notification(outage, t, Notification.Type.FIRING, now);
            NotificationSink.Lookup found = sink.lookup(firing, t.loggedAt());
            if (found.state() == NotificationSink.Lookup.State.UNKNOWN && !abandon(firing, t, now)) {
                return t;
            }
            unanswered.remove(firing.id());
            t = found.state() == NotificationSink.Lookup.State.DELIVERED
                    ? new Told(t.receiver(), t.channel(), t.mention(), Step.SENT, found.ts(), Step.NONE, null)
                    : new Told(t.receiver(), t.channel(), t.mention(), Step.NONE, null, Step.NONE, null);
        }
        if (t.firing() == Step.FAILED || t.resolved() == Step.SENT || t.resolved() == Step.FAILED) {
            return t;
        }
        // FIRING delivered: RESOLVED in its thread; never told: one summary on its own (no thread ts).
        Sent sent = send(notification(outage, t, Notification.Type.RESOLVED, now), t, now);
        Step step = sent.step();
        if (step == Step.PENDING && !now.isBefore(loggedAt(t, now).plus(GIVE_UP_AGE))) {
            LOG.warn("watchdog: RESOLVED to {} ({}) undelivered since {}; giving up so that the outage closes",
                    t.receiver(), t.channel(), loggedAt(t, now));
            failed(t.receiver(), "expired");
            step = Step.FAILED;
        }
        return new Told(t.receiver(), t.channel(), t.mention(), t.firing(), t.firingTs(), step,
                step == Step.PENDING ? loggedAt(t, now) : null);
    }

    /** How far one attempt got: delivered (with its ts), still pending, or failed for good. */
    private record Sent(Step step, String ts) {
    }

    /**
     * Delivers {@code n} once: a message pending from before (a crash, a failed attempt) is first
     * looked up in the sink, within the bounds; a permanent sink error is final.
     */
    private Sent send(Notification n, Told t, Instant now) throws InterruptedException {
        boolean pending = n.type() == Notification.Type.FIRING ? t.firing() == Step.PENDING : t.resolved() == Step.PENDING;
        if (pending && t.loggedAt() != null) {
            NotificationSink.Lookup found = sink.lookup(n, t.loggedAt());
            if (found.state() == NotificationSink.Lookup.State.DELIVERED) {
                unanswered.remove(n.id());
                return new Sent(Step.SENT, found.ts() == null ? n.id() : found.ts());
            }
            if (found.state() == NotificationSink.Lookup.State.UNKNOWN) {
                if (!abandon(n, t, now)) {
                    return new Sent(Step.PENDING, null);
                }
                n = withNote(n);
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
        if (d.status() == Delivery.Status.PERMANENT) {
            unanswered.remove(n.id());
            LOG.warn("watchdog: {} to {} ({}) failed for good, not retried: {} {} (fix the receiver's channel or "
                    + "the bot's access)", n.type(), n.receiver(), n.channel(), d.method(), d.error());
            failed(n.receiver(), "permanent");
            return new Sent(Step.FAILED, null);
        }
        if (!d.isOk()) {
            LOG.warn("watchdog: {} to {} not delivered: {} {}", n.type(), n.receiver(), d.method(), d.error());
            return new Sent(Step.PENDING, null);
        }
        unanswered.remove(n.id());
        LOG.info("watchdog: told {} {} about ClickHouse", n.receiver(), n.type());
        return new Sent(Step.SENT, d.ts() == null ? n.id() : d.ts());
    }

    /**
     * Counts one unanswered look-up of {@code n}; returns whether it is past the bounds, so that the
     * message is delivered regardless (a possible repeat is better than an alert never told).
     */
    private boolean abandon(Notification n, Told t, Instant now) {
        int tries = unanswered.merge(n.id(), 1, Integer::sum);
        boolean old = t.loggedAt() != null && !now.isBefore(t.loggedAt().plus(LOOKUP_AGE));
        if (tries < LOOKUP_ATTEMPTS && !old) {
            return false;
        }
        LOG.warn("watchdog: {} to {} ({}) stayed pending through {} look-ups the sink could not answer; going on "
                + "without knowing whether it got out (grant the history scopes, see docs/slack.md)", n.type(),
                n.receiver(), n.channel(), tries);
        Counter.builder("trackwatch.watchdog.lookup.abandoned")
                .description("Watchdog messages decided without knowing whether an earlier attempt had got out")
                .tag("receiver", n.receiver()).register(registry).increment();
        return true;
    }

    private void failed(String receiver, String reason) {
        Counter.builder("trackwatch.watchdog.messages.failed")
                .description("Watchdog messages given up: a permanent sink error, or a RESOLVED undelivered too long")
                .tag("receiver", receiver).tag("reason", reason).register(registry).increment();
    }

    private static Notification withNote(Notification n) {
        AlertMessage noted = n.message().toBuilder().title(n.message().title() + MAY_REPEAT).build();
        return new Notification(n.id(), n.groupKey(), n.seq(), n.type(), n.receiver(), n.channel(), n.fingerprint(),
                n.threadTs(), noted, n.createdAt());
    }

    private static Instant loggedAt(Told t, Instant now) {
        return t.loggedAt() != null ? t.loggedAt() : now;
    }

    /** The message for one receiver: FIRING is message 1 of the outage's group, RESOLVED message 2. */
    private Notification notification(Outage outage, Told t, Notification.Type type, Instant now) {
        String group = "watchdog/" + CHECK + "/" + t.receiver() + "/" + outage.since().toEpochMilli();
        int seq = type == Notification.Type.FIRING ? 1 : 2;
        boolean summary = type == Notification.Type.RESOLVED && t.firing() != Step.SENT;
        List<Blind> blind = state.blind();
        Instant ended = blind.isEmpty() ? now : blind.getLast().to();
        String title = summary ? "Trackwatch could not reach ClickHouse from " + outage.since() + " to " + ended
                + ": " + outage.reason() : "Trackwatch cannot reach ClickHouse: " + outage.reason();
        AlertMessage message = AlertMessage.builder()
                .title(title).dataset(DATASET)
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
}
