package dev.trackwatch.incidents;

import dev.trackwatch.checks.SchemaCheck;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.state.StateStore;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incident life cycles from constructed results: open on the first failing bucket, one update per
 * new failing bucket, resolve after N healthy buckets, one monitor-fault incident per dataset, and
 * a round trip through the ClickHouse store that a restarted daemon would read back.
 */
class IncidentTrackerTest {

    private static final Instant B0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final Map<String, String> IOS = Map.of("platform", "ios");
    /** No datasets or teams: an incident's labels are the ones every alert carries, and its own metric and segment. */
    private static final TrackwatchSpec NO_CONFIG = new TrackwatchSpec(List.of(), List.of(), List.of(), "h");

    @Test
    void aFailingSeriesOpensOnceUpdatesPerNewBucketAndResolvesAfterTwoHealthyBuckets() {
        IncidentTracker tracker = new IncidentTracker(2);
        Map<String, Incident> active = new HashMap<>();

        List<IncidentChange> first = tracker.apply(NO_CONFIG, active, List.of(result(Outcome.FAILED, 0, 12)), at(0));
        List<IncidentChange> sameBucket = tracker.apply(NO_CONFIG, active, List.of(result(Outcome.FAILED, 0, 11)), at(0).plusSeconds(300));
        List<IncidentChange> nextBucket = tracker.apply(NO_CONFIG, active, List.of(result(Outcome.FAILED, 1, 9)), at(1));
        List<IncidentChange> healthy1 = tracker.apply(NO_CONFIG, active, List.of(result(Outcome.PASSED, 2, 120)), at(2));
        List<IncidentChange> healthy2 = tracker.apply(NO_CONFIG, active, List.of(result(Outcome.PASSED, 3, 118)), at(3));

        assertThat(first).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(IncidentChange.Type.OPENED);
            assertThat(c.incident().kind()).isEqualTo("volume");
            assertThat(c.incident().firstBucket()).isEqualTo(B0);
            assertThat(c.incident().expected()).isNull();
        });
        assertThat(sameBucket).isEmpty();
        assertThat(nextBucket).extracting(IncidentChange::type).containsExactly(IncidentChange.Type.UPDATED);
        assertThat(nextBucket.getFirst().incident().observed()).isEqualTo(9.0);
        assertThat(healthy1).extracting(c -> c.incident().state()).containsExactly(IncidentState.OPEN);
        assertThat(healthy2).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(IncidentChange.Type.RESOLVED);
            assertThat(c.incident().id()).isEqualTo(first.getFirst().incident().id());
            assertThat(c.incident().version()).isEqualTo(4);
        });
        assertThat(active).isEmpty();
    }

    @Test
    void aRelapseBeforeResolutionKeepsTheSameIncident() {
        IncidentTracker tracker = new IncidentTracker(2);
        Map<String, Incident> active = new HashMap<>();
        tracker.apply(NO_CONFIG, active, List.of(result(Outcome.FAILED, 0, 12)), at(0));
        tracker.apply(NO_CONFIG, active, List.of(result(Outcome.PASSED, 1, 120)), at(1));

        List<IncidentChange> relapse = tracker.apply(NO_CONFIG, active, List.of(result(Outcome.WARN, 2, 40)), at(2));

        assertThat(relapse).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(IncidentChange.Type.UPDATED);
            assertThat(c.incident().healthyBuckets()).isZero();
            assertThat(c.incident().state()).isEqualTo(IncidentState.OPEN);
        });
    }

    @Test
    void aChecksOwnResolveAfterOverridesTheDefault() {
        IncidentTracker tracker = new IncidentTracker(3);
        Map<String, Incident> quick = new HashMap<>();
        Map<String, Incident> slow = new HashMap<>();
        tracker.apply(NO_CONFIG, quick, List.of(result(Outcome.FAILED, 0, 12)), at(0), Map.of("volume", 1));
        tracker.apply(NO_CONFIG, slow, List.of(result(Outcome.FAILED, 0, 12)), at(0), Map.of("other_check", 1));

        List<IncidentChange> quickHealthy = tracker.apply(NO_CONFIG, quick, List.of(result(Outcome.PASSED, 1, 120)), at(1),
                Map.of("volume", 1));
        List<IncidentChange> slowHealthy = tracker.apply(NO_CONFIG, slow, List.of(result(Outcome.PASSED, 1, 120)), at(1),
                Map.of("other_check", 1));

        assertThat(quickHealthy).extracting(IncidentChange::type).containsExactly(IncidentChange.Type.RESOLVED);
        assertThat(quick).isEmpty();
        assertThat(slowHealthy).extracting(c -> c.incident().state()).containsExactly(IncidentState.OPEN);
        assertThat(slow).hasSize(1);
    }

    @Test
    void aRunThatCouldNotEvaluateOpensOneMonitorFaultNotDataIncidents() {
        IncidentTracker tracker = new IncidentTracker(1);
        Map<String, Incident> active = new HashMap<>();
        CheckResult fault1 = new CheckResult("events", "volume", "volume", Severity.CRITICAL, "growth",
                Outcome.NOT_EVALUATED, null, Map.of(), null, null, "ClickHouse unavailable", true);
        CheckResult fault2 = new CheckResult("events", "nulls", "null_rate", Severity.WARNING, "growth",
                Outcome.NOT_EVALUATED, null, Map.of(), null, null, "ClickHouse unavailable", true);
        CheckResult learning = new CheckResult("events", "nulls", "null_rate", Severity.WARNING, "growth",
                Outcome.NOT_EVALUATED, "null_rate:user_id", Map.of(), B0, 0.3, "learning: 3 buckets", false);

        List<IncidentChange> down = tracker.apply(NO_CONFIG, active, List.of(fault1, fault2), at(0));
        List<IncidentChange> learningOnly = tracker.apply(NO_CONFIG, new HashMap<>(), List.of(learning), at(0));
        List<IncidentChange> back = tracker.apply(NO_CONFIG, active, List.of(result(Outcome.PASSED, 1, 120)), at(1));

        assertThat(down).singleElement().satisfies(c -> {
            assertThat(c.incident().kind()).isEqualTo("monitor_fault");
            assertThat(c.incident().reason()).isEqualTo("ClickHouse unavailable");
        });
        assertThat(learningOnly).isEmpty();
        assertThat(back).extracting(IncidentChange::type).containsExactly(IncidentChange.Type.RESOLVED);
    }

    @Test
    void theFirstRunThatEvaluatesTheDatasetResolvesItsMonitorFaultWhateverResolveAfterSays() {
        // docs/incidents.md: a monitor fault is "resolved by the next run that evaluates the dataset";
        // the data checks' resolve_after (here 3 healthy buckets) is about data, not about reaching ClickHouse.
        IncidentTracker tracker = new IncidentTracker(3);
        Map<String, Incident> active = new HashMap<>();
        CheckResult fault = new CheckResult("events", "volume", "volume", Severity.CRITICAL, "growth",
                Outcome.NOT_EVALUATED, null, Map.of(), null, null, "ClickHouse unavailable", true);
        tracker.apply(NO_CONFIG, active, List.of(fault), at(0));

        List<IncidentChange> back = tracker.apply(NO_CONFIG, active, List.of(result(Outcome.PASSED, 1, 120)), at(1));

        assertThat(back).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(IncidentChange.Type.RESOLVED);
            assertThat(c.incident().kind()).isEqualTo("monitor_fault");
        });
    }

    @Test
    void incidentsRoundTripThroughClickHouseAsARestartedDaemonReadsThem() throws Exception {
        var connection = TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"), new Properties());
        DSLContext dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
        StateStore state = new StateStore(dsl, "trackwatch_incident_test");
        state.migrate();
        IncidentStore store = new IncidentStore(dsl, "trackwatch_incident_test");
        IncidentTracker tracker = new IncidentTracker(2);
        Map<String, Incident> active = new HashMap<>();

        store.write(tracker.apply(NO_CONFIG, active, List.of(result(Outcome.FAILED, 0, 12)), at(0)), at(0));
        store.write(tracker.apply(NO_CONFIG, active, List.of(result(Outcome.FAILED, 1, 9)), at(1)), at(1));
        Map<String, Incident> reloaded = store.active("events");
        store.write(tracker.apply(NO_CONFIG, reloaded, List.of(result(Outcome.PASSED, 2, 100), result(Outcome.PASSED, 3, 100)),
                at(3)), at(3));

        assertThat(reloaded).isEmpty();
        Incident resolved = store.list(false, 10).getFirst();
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.segment()).isEqualTo(IOS);
        assertThat(resolved.firstBucket()).isEqualTo(B0);
        assertThat(store.active("events")).isEmpty();
        assertThat(store.timeline(resolved.id())).extracting(e -> e[1]).containsExactly("opened", "updated", "resolved");
        assertThat(resolved.labels()).as("stored with the incident").containsEntry("platform", "ios")
                .containsEntry("severity", "critical").containsEntry("team", "growth");
        assertThat(resolved.severity()).isEqualTo(Severity.CRITICAL);
        // A row written before migration 5 (no labels column in the insert) still reads, without labels.
        dsl.execute("INSERT INTO trackwatch_incident_test.incidents (id, incident_key, dataset, check_name, metric, "
                + "segment_key, kind, severity, owner, state, opened_at, updated_at, reason, healthy_buckets, actor, "
                + "version) VALUES ('inc-old', 'k', 'events', 'volume', 'row_count', '{}', 'volume', 'warning', "
                + "'growth', 'open', '2026-06-01 10:00:00.000', '2026-06-01 10:00:00.000', 'old', 0, '', 1)");
        assertThat(store.get("inc-old")).hasValueSatisfying(old -> {
            assertThat(old.labels()).isEmpty();
            assertThat(old.severity()).isEqualTo(Severity.WARNING);
        });
        dsl.execute("DROP DATABASE trackwatch_incident_test");
        connection.close();
    }

    @Test
    void anIncidentCarriesTheLabelsItIsRoutedBy() {
        IncidentTracker tracker = new IncidentTracker(2);
        CheckResult drift = new CheckResult("events", "schema", "schema", SchemaCheck.KIND, Severity.WARNING, "growth",
                Outcome.FAILED, null, Map.of(), B0, null, "drift", false, null);

        List<IncidentChange> opened = tracker.apply(NO_CONFIG, new HashMap<>(),
                List.of(result(Outcome.FAILED, 0, 12), drift), at(0));

        assertThat(opened).extracting(c -> c.incident().labels()).containsExactlyInAnyOrder(
                Map.of("check", "volume", "dataset", "events", "kind", "volume", "metric", "row_count",
                        "platform", "ios", "severity", "critical", "team", "growth"),
                Map.of("check", "schema", "dataset", "events", "kind", "schema_drift", "metric", "",
                        "severity", "warning", "team", "growth"));
    }

    private static CheckResult result(Outcome outcome, int bucket, double observed) {
        return new CheckResult("events", "volume", "volume", Severity.CRITICAL, "growth", outcome, "row_count", IOS,
                B0.plus(Duration.ofHours(bucket)), observed, "row_count " + observed, false);
    }

    private static Instant at(int bucket) {
        return B0.plus(Duration.ofHours(bucket + 1)).plusSeconds(60);
    }
}
