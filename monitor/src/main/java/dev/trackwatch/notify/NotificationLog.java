package dev.trackwatch.notify;

import dev.trackwatch.state.ClickHouseTime;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The notification log in the state database (table {@code notifications}, state migration 4):
 * a notification is logged as pending before it is delivered and as sent after, under an id
 * derived from its group and sequence number. After a crash, pending entries are delivered unless
 * the sink already has them, and a group's last sent entry tells where its thread is and what it
 * last said, so nothing is lost and nothing is sent twice.
 */
public final class NotificationLog {

    /** The newest logged state of a group. */
    public record Entry(String id, String groupKey, int seq, Notification.Type type, String channel, String fingerprint,
                        String status, String ts, String threadTs, String payload, Instant createdAt, Instant updatedAt) {
        /** Returns whether the notification reached its sink. */
        public boolean sent() {
            return status.equals("sent");
        }
    }

    private static final String COLUMNS = "id, group_key, seq, type, channel, fingerprint, status, ts, thread_ts, payload, "
            + "toUnixTimestamp64Milli(created_at), toUnixTimestamp64Milli(updated_at)";

    private final DSLContext dsl;
    private final String db;

    public NotificationLog(DSLContext dsl, String database) {
        this.dsl = dsl;
        this.db = database;
    }

    /** Logs {@code n} as pending (version 1); {@code payload} is its rendered JSON. */
    public void pending(Notification n, String payload, Instant at) {
        write(n, "pending", "", payload, at, 1);
    }

    /** Logs {@code n} as sent with the sink's {@code ts} (version 2). */
    public void sent(Notification n, String ts, String payload, Instant at) {
        write(n, "sent", ts == null ? "" : ts, payload, at, 2);
    }

    /** Logs {@code n} as given up (version 2): a permanent error, kept for the record. */
    public void failed(Notification n, String error, String payload, Instant at) {
        write(n, "failed:" + error, "", payload, at, 2);
    }

    /** Returns the newest entry of {@code groupKey} (highest sequence number), if any. */
    public Optional<Entry> last(String groupKey) {
        Record r = dsl.fetchOne(sql("SELECT " + COLUMNS + " FROM ${db}.notifications FINAL WHERE group_key = ? "
                + "ORDER BY seq DESC LIMIT 1"), groupKey);
        return r == null ? Optional.empty() : Optional.of(entry(r));
    }

    /** Returns the newest version of notification {@code id}, if it was logged. */
    public Optional<Entry> entry(String id) {
        Record r = dsl.fetchOne(sql("SELECT " + COLUMNS + " FROM ${db}.notifications FINAL WHERE id = ?"), id);
        return r == null ? Optional.empty() : Optional.of(entry(r));
    }

    /** Returns the first entry of the group's current thread: the newest FIRING entry. */
    public Optional<Entry> threadStart(String groupKey) {
        Record r = dsl.fetchOne(sql("SELECT " + COLUMNS + " FROM ${db}.notifications FINAL WHERE group_key = ? "
                + "AND type = 'FIRING' ORDER BY seq DESC LIMIT 1"), groupKey);
        return r == null ? Optional.empty() : Optional.of(entry(r));
    }

    /** Returns every entry still pending: a crash came between logging and delivering, or before logging it sent. */
    public List<Entry> pending() {
        return dsl.fetch(sql("SELECT " + COLUMNS + " FROM ${db}.notifications FINAL WHERE status = 'pending' "
                + "ORDER BY created_at, seq")).map(NotificationLog::entry);
    }

    /**
     * Returns the ids of the incidents the log still owes a word about: every group whose thread is
     * open (its newest entry sent, not RESOLVED) or whose newest message is pending, and of it the
     * incidents named by any entry of its current story (every entry after its last decided RESOLVED). After a
     * restart they are routed again even when no longer active, so a group that told FIRING gets
     * its RESOLVED and one kept back by an outage is told after the fact.
     *
     * <p>The whole thread is read, not only its newest entry, because a RESOLVED entry names no
     * incident (its fingerprint, the set still firing, is empty): a pending RESOLVED is owed for the
     * incidents its thread told before.
     */
    public java.util.Set<String> owedIncidents() {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        dsl.fetch(sql("SELECT DISTINCT n.fingerprint FROM ${db}.notifications AS n FINAL INNER JOIN ("
                        + "SELECT group_key, argMax(type, seq) AS last_type, argMax(status, seq) AS last_status, "
                        + "maxIf(seq, type = 'RESOLVED' AND status != 'pending') AS closed_seq "
                        + "FROM ${db}.notifications FINAL GROUP BY group_key"
                        + ") AS g ON n.group_key = g.group_key "
                        + "WHERE (g.last_status = 'pending' OR g.last_status = 'sent' AND g.last_type != 'RESOLVED') "
                        + "AND n.seq > g.closed_seq AND n.fingerprint != ''"))
                .forEach(r -> {
                    for (String id : r.get(0, String.class).split(",")) {
                        if (!id.isBlank()) {
                            ids.add(id);
                        }
                    }
                });
        return ids;
    }

    /** Returns how many notifications were logged as sent. */
    public long sentCount() {
        return dsl.fetchOne(sql("SELECT count() FROM ${db}.notifications FINAL WHERE status = 'sent'")).get(0, Long.class);
    }

    private void write(Notification n, String status, String ts, String payload, Instant at, long version) {
        dsl.execute(sql("INSERT INTO ${db}.notifications (id, group_key, seq, type, receiver, channel, fingerprint, status, "
                        + "ts, thread_ts, payload, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                n.id(), n.groupKey(), n.seq(), n.type().name(), n.receiver(), n.channel(), n.fingerprint(), status, ts,
                n.threadTs() == null ? "" : n.threadTs(), payload, ClickHouseTime.format(n.createdAt()),
                ClickHouseTime.format(at), version);
    }

    private String sql(String statement) {
        return statement.replace("${db}", db);
    }

    private static Entry entry(Record r) {
        return new Entry(r.get(0, String.class), r.get(1, String.class), r.get(2, Integer.class),
                Notification.Type.valueOf(r.get(3, String.class)), r.get(4, String.class), r.get(5, String.class),
                r.get(6, String.class), r.get(7, String.class), r.get(8, String.class), r.get(9, String.class),
                Instant.ofEpochMilli(r.get(10, Long.class)), Instant.ofEpochMilli(r.get(11, Long.class)));
    }
}
