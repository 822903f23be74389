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
            + "observed, expected, lower, upper, reason, healthy_buckets, actor, version, "
            + "mapKeys(CAST(JSONExtractKeysAndValues(labels, 'String'), 'Map(String, String)')), "
            + "mapValues(CAST(JSONExtractKeysAndValues(labels, 'String'), 'Map(String, String)'))";

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

    /**
     * Returns the incidents of {@code dataset} whose span overlaps [{@code from}, {@code to}), active
     * first, then the most recently changed, at most {@code limit}: a span starts at the incident's
     * first anomalous bucket (else when it opened) and ends at its last change, or runs on while active.
     */
    public List<Incident> overlapping(String dataset, Instant from, Instant to, int limit) {
        return dsl.fetch(sql("SELECT " + COLUMNS + " FROM ${db}.incidents FINAL WHERE dataset = ? "
                        + "AND ifNull(first_bucket, opened_at) < ? "
                        + "AND (state IN ('open', 'acknowledged') OR updated_at >= ?) "
                        + "ORDER BY state IN ('open', 'acknowledged') DESC, updated_at DESC LIMIT ?"),
                dataset, ClickHouseTime.format(to), ClickHouseTime.format(from), limit).map(IncidentStore::incident);
    }

    /** Writes new versions of incidents and their timeline events. */
    public void write(List<IncidentChange> changes, Instant at) {
        if (changes.isEmpty()) {
            return;
        }
        var rows = dsl.batch(dsl.query(sql("INSERT INTO ${db}.incidents (id, incident_key, dataset, check_name, metric, "
                + "segment_key, kind, severity, owner, state, opened_at, updated_at, first_bucket, last_bucket, observed, "
                + "expected, lower, upper, reason, healthy_buckets, actor, version, labels) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), new Object[23]));
        var events = dsl.batch(dsl.query(sql("INSERT INTO ${db}.incident_events (id, at, type, actor, detail) "
                + "VALUES (?, ?, ?, ?, ?)"), new Object[5]));
        for (IncidentChange c : changes) {
            Incident i = c.incident();
            rows.bind(i.id(), IncidentKeys.key(i.dataset(), i.check(), i.metric(), i.segment()), i.dataset(), i.check(),
                    i.metric(), SegmentKey.of(i.segment()), i.kind(), SeverityLabel.of(i.severity()), i.owner(), i.state().label(),
                    ClickHouseTime.format(i.openedAt()), ClickHouseTime.format(i.updatedAt()), time(i.firstBucket()),
                    time(i.lastBucket()), i.observed(), i.expected(), i.lower(), i.upper(), i.reason(), i.healthyBuckets(),
                    i.actor(), i.version(), SegmentKey.of(i.labels()));
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
        return Incident.builder().id(r.get(0, String.class)).dataset(r.get(1, String.class))
                .check(r.get(2, String.class)).metric(r.get(3, String.class)).segment(map(r, 4, 5))
                .kind(r.get(6, String.class)).severity(SeverityLabel.parse(r.get(7, String.class)))
                .owner(r.get(8, String.class))
                .state(IncidentState.valueOf(r.get(9, String.class).toUpperCase(java.util.Locale.ROOT)))
                .openedAt(instant(r.get(10, Long.class))).updatedAt(instant(r.get(11, Long.class)))
                .firstBucket(instant(r.get(12, Long.class))).lastBucket(instant(r.get(13, Long.class)))
                .observed(r.get(14, Double.class)).expected(r.get(15, Double.class)).lower(r.get(16, Double.class))
                .upper(r.get(17, Double.class)).reason(r.get(18, String.class))
                .healthyBuckets(r.get(19, Integer.class)).actor(r.get(20, String.class)).version(r.get(21, Long.class))
                .labels(java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(map(r, 22, 23)))).build();
    }

    /** The map whose keys are column {@code keys} and values column {@code values} (two arrays). */
    private static Map<String, String> map(Record r, int keys, int values) {
        String[] k = r.get(keys, String[].class);
        String[] v = r.get(values, String[].class);
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < k.length; i++) {
            map.put(k[i], v[i]);
        }
        return map;
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
