package dev.trackwatch.incidents;

import dev.trackwatch.state.ClickHouseTime;
import dev.trackwatch.state.SegmentKey;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Incidents and their timelines in the state database (tables {@code incidents}, a
 * {@code ReplacingMergeTree} by version, and {@code incident_events}, created by state migration 3).
 * An incident is written only by the replica that owns its dataset, so versions never race.
 */
public final class IncidentStore {

    private static final String COLUMNS = "id, dataset, check_name, metric, mapKeys(CAST(JSONExtractKeysAndValues("
            + "segment_key, 'String'), 'Map(String, String)')), mapValues(CAST(JSONExtractKeysAndValues(segment_key, "
            + "'String'), 'Map(String, String)')), kind, severity, owner, state, toUnixTimestamp64Milli(opened_at), "
            + "toUnixTimestamp64Milli(updated_at), toUnixTimestamp64Milli(first_bucket), toUnixTimestamp64Milli(last_bucket), "
            + "observed, expected, lower, upper, reason, healthy_buckets, actor, version";

    private final DSLContext dsl;
    private final String db;

    /** A store in {@code database}, whose schema {@link dev.trackwatch.state.StateStore#migrate()} created. */
    public IncidentStore(DSLContext dsl, String database) {
        this.dsl = dsl;
        this.db = database;
    }

    /** Returns the active (open or acknowledged) incidents of {@code dataset}, by incident key. */
    public Map<String, Incident> active(String dataset) {
        Map<String, Incident> byKey = new HashMap<>();
        for (Record r : dsl.fetch(sql("SELECT " + COLUMNS + " FROM ${db}.incidents FINAL WHERE dataset = ? "
                + "AND state IN ('open', 'acknowledged')"), dataset)) {
            Incident incident = incident(r);
            byKey.put(IncidentKeys.key(incident.dataset(), incident.check(), incident.metric(), incident.segment()), incident);
        }
        return byKey;
    }

    /** Returns the newest version of incident {@code id}. */
    public Optional<Incident> get(String id) {
        Record r = dsl.fetchOne(sql("SELECT " + COLUMNS + " FROM ${db}.incidents FINAL WHERE id = ?"), id);
        return r == null ? Optional.empty() : Optional.of(incident(r));
    }

    /** Returns the newest incidents, active first, at most {@code limit}. */
    public List<Incident> list(boolean activeOnly, int limit) {
        return dsl.fetch(sql("SELECT " + COLUMNS + " FROM ${db}.incidents FINAL "
                + (activeOnly ? "WHERE state IN ('open', 'acknowledged') " : "")
                + "ORDER BY state IN ('open', 'acknowledged') DESC, updated_at DESC LIMIT ?"), limit).map(IncidentStore::incident);
    }

    /** Writes new versions of incidents and their timeline events. */
    public void write(List<IncidentChange> changes, Instant at) {
        if (changes.isEmpty()) {
            return;
        }
        var rows = dsl.batch(dsl.query(sql("INSERT INTO ${db}.incidents (id, incident_key, dataset, check_name, metric, "
                + "segment_key, kind, severity, owner, state, opened_at, updated_at, first_bucket, last_bucket, observed, "
                + "expected, lower, upper, reason, healthy_buckets, actor, version) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), new Object[22]));
        var events = dsl.batch(dsl.query(sql("INSERT INTO ${db}.incident_events (id, at, type, actor, detail) "
                + "VALUES (?, ?, ?, ?, ?)"), new Object[5]));
        for (IncidentChange c : changes) {
            Incident i = c.incident();
            rows.bind(i.id(), IncidentKeys.key(i.dataset(), i.check(), i.metric(), i.segment()), i.dataset(), i.check(),
                    i.metric(), SegmentKey.of(i.segment()), i.kind(), i.severity(), i.owner(), i.state().label(),
                    ClickHouseTime.format(i.openedAt()), ClickHouseTime.format(i.updatedAt()), time(i.firstBucket()),
                    time(i.lastBucket()), i.observed(), i.expected(), i.lower(), i.upper(), i.reason(), i.healthyBuckets(),
                    i.actor(), i.version());
            events.bind(i.id(), ClickHouseTime.format(at), c.type().name().toLowerCase(java.util.Locale.ROOT), i.actor(),
                    i.reason());
        }
        rows.execute();
        events.execute();
    }

    /** Returns the timeline of incident {@code id}: (at, type, actor, detail), oldest first. */
    public List<String[]> timeline(String id) {
        return dsl.fetch(sql("SELECT toString(at), type, actor, detail FROM ${db}.incident_events WHERE id = ? ORDER BY at"), id)
                .map(r -> new String[] {r.get(0, String.class), r.get(1, String.class), r.get(2, String.class),
                        r.get(3, String.class)});
    }

    private String sql(String statement) {
        return statement.replace("${db}", db);
    }

    private static String time(Instant t) {
        return t == null ? null : ClickHouseTime.format(t);
    }

    private static Incident incident(Record r) {
        String[] keys = r.get(4, String[].class);
        String[] values = r.get(5, String[].class);
        Map<String, String> segment = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            segment.put(keys[i], values[i]);
        }
        return new Incident(r.get(0, String.class), r.get(1, String.class), r.get(2, String.class), r.get(3, String.class),
                segment, r.get(6, String.class), r.get(7, String.class), r.get(8, String.class),
                IncidentState.valueOf(r.get(9, String.class).toUpperCase(java.util.Locale.ROOT)), instant(r.get(10, Long.class)),
                instant(r.get(11, Long.class)), instant(r.get(12, Long.class)), instant(r.get(13, Long.class)),
                r.get(14, Double.class), r.get(15, Double.class), r.get(16, Double.class), r.get(17, Double.class),
                r.get(18, String.class), r.get(19, Integer.class), r.get(20, String.class), r.get(21, Long.class));
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
