package dev.trackwatch.state;

import dev.trackwatch.plan.SeriesKey;
import dev.trackwatch.embedded.TestingClickHouse;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state store on the real embedded ClickHouse: migrations are versioned and idempotent,
 * re-observing a bucket replaces it instead of double counting, segments with awkward values
 * round-trip, watermarks advance, and runs record their cost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StateStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-05T11:00:00Z");

    private DSLContext dsl;
    private StateStore store;

    @BeforeAll
    void migrate() throws Exception {
        Connection connection = TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"), new Properties());
        dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
        store = new StateStore(dsl);
        store.migrate();
    }

    @Test
    void migrationsAreVersionedAndIdempotent() {
        int version = store.migrate();

        assertThat(version).isEqualTo(StateMigrations.ALL.getLast().version());
        assertThat(dsl.fetchOne("SELECT count() FROM trackwatch.schema_migrations").get(0, Long.class))
                .isEqualTo(StateMigrations.ALL.size());
    }

    @Test
    void historyKeepsOnlyObservationsOfTheCurrentMetricDefinition() {
        String dataset = "ds_" + UUID.randomUUID().toString().replace("-", "");
        store.writeObservations(List.of(obs(dataset, Map.of(), T0, 10)), Map.of("row_count", "old-filter"), "h1",
                Instant.parse("2026-01-05T12:00:00Z"));
        store.writeObservations(List.of(obs(dataset, Map.of("platform", "ios"), T1, 20)), Map.of("row_count", "new-filter"),
                "h2", Instant.parse("2026-01-05T12:05:00Z"));

        List<StoredObservation> history = store.history(dataset, Map.of("row_count", "new-filter"), T0, T1.plusSeconds(3600));

        assertThat(history).singleElement().satisfies(o -> {
            assertThat(o.bucketStart()).isEqualTo(T1);
            assertThat(o.segment()).isEqualTo(Map.of("platform", "ios"));
            assertThat(o.value()).isEqualTo(20.0);
        });
    }

    @Test
    void trainingExclusionsAreStoredPerDataset() {
        String dataset = "ds_" + UUID.randomUUID().toString().replace("-", "");
        StateStore.Exclusion exclusion = new StateStore.Exclusion("volume", "row_count", "{}", T0, T1, "false positive");
        store.addExclusion(dataset, exclusion, T1);

        assertThat(store.exclusions(dataset)).containsExactly(exclusion);
        assertThat(store.exclusions(dataset + "_other")).isEmpty();
    }

    @Test
    void aStoreInAnotherDatabaseIsIndependentAndItsNameIsValidated() {
        StateStore scratch = new StateStore(dsl, "trackwatch_scratch_test");
        scratch.migrate();
        scratch.advanceWatermark("events", T1, "h", T1);

        assertThat(scratch.lastClosedBucket("events")).contains(T1);
        assertThat(store.lastClosedBucket("events")).isEmpty();
        dsl.execute("DROP DATABASE trackwatch_scratch_test");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StateStore(dsl, "x; DROP DATABASE trackwatch"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be lower-case letters");
    }

    @Test
    void reobservingABucketReplacesItsValue() {
        String dataset = "ds_" + UUID.randomUUID().toString().replace("-", "");
        store.writeObservations(List.of(obs(dataset, Map.of(), T0, 10), obs(dataset, Map.of(), T1, 20)), "h1",
                Instant.parse("2026-01-05T12:00:00Z"));
        store.writeObservations(List.of(obs(dataset, Map.of(), T1, 25)), "h1", Instant.parse("2026-01-05T12:05:00Z"));

        List<StoredObservation> series = store.series(dataset, "row_count", SegmentKey.TOTAL, T0, T1.plusSeconds(3600));

        assertThat(series).extracting(StoredObservation::value).containsExactly(10.0, 25.0);
    }

    @Test
    void segmentsWithAwkwardValuesRoundTrip() {
        String dataset = "ds_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> segment = Map.of("page_path", "/a,b=\"c\"\n\nd");
        store.writeObservations(List.of(obs(dataset, segment, T0, 3)), "h1", T1);

        List<StoredObservation> series = store.series(dataset, "row_count", SegmentKey.of(segment), T0, T1);

        assertThat(series).singleElement().satisfies(o -> {
            assertThat(o.segment()).isEqualTo(segment);
            assertThat(o.bucketStart()).isEqualTo(T0);
            assertThat(o.rows()).isEqualTo(3);
        });
    }

    @Test
    void watermarkAdvancesToTheLatestValue() {
        String dataset = "ds_" + UUID.randomUUID().toString().replace("-", "");
        assertThat(store.lastClosedBucket(dataset)).isEmpty();

        store.advanceWatermark(dataset, T0, "h1", T0);
        store.advanceWatermark(dataset, T1, "h1", T1);

        assertThat(store.lastClosedBucket(dataset)).contains(T1);
    }

    @Test
    void runsRecordTheirCost() {
        UUID id = UUID.randomUUID();
        store.recordRun(new CheckRun(id, "runs_ds", T1, T1, T0, T1, 42, "OK", 1234, 5678, 9, "", "h1"));

        var row = dsl.fetchOne("SELECT rows_read, bytes_read, outcome FROM trackwatch.check_runs WHERE run_id = ?",
                id.toString());

        assertThat(row.get(0, Long.class)).isEqualTo(1234);
        assertThat(row.get(1, Long.class)).isEqualTo(5678);
        assertThat(row.get(2, String.class)).isEqualTo("OK");
    }

    private static StoredObservation obs(String dataset, Map<String, String> segment, Instant bucket, double value) {
        return new StoredObservation(dataset, SeriesKey.ROW_COUNT, segment, bucket, value, (long) value);
    }
}
