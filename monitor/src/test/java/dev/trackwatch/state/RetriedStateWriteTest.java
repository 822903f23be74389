package dev.trackwatch.state;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver retries a request whose connection dropped, and the server may already have stored
 * it: every state write sent twice, as such a retry sends it, reads back once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetriedStateWriteTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-05T11:00:00Z");

    private TestingStateDatabase database;
    private StateStore store;

    @BeforeAll
    void migrate() throws Exception {
        database = TestingStateDatabase.create("chio_retried_writes");
        store = new StateStore(database.dsl(), database.name());
    }

    @AfterAll
    void drop() throws Exception {
        database.close();
    }

    @Test
    void aRunRecordedTwiceIsOneRun() {
        CheckRun run = new CheckRun(UUID.randomUUID(), "retry_ds", T1, T1, T0, T1, 42, "OK", 10, 20, 3, "", "h");
        store.recordRun(run);
        store.recordRun(run);

        assertThat(count("check_runs", "run_id = '" + run.runId() + "'")).isEqualTo(1);
    }

    @Test
    void resultsWrittenTwiceAreOneSet() {
        UUID runId = UUID.randomUUID();
        List<StateStore.ResultRow> rows = List.of(
                new StateStore.ResultRow("retry_ds", "volume", "row_count", "critical", "team", "FAIL", "count",
                        Map.of("platform", "ios"), T0, 5.0, "low", 10.0, 8.0, 12.0, -3.0, "below"),
                new StateStore.ResultRow("retry_ds", "volume", "row_count", "critical", "team", "PASS", "count",
                        Map.of("platform", "web"), T0, 11.0, "", 10.0, 8.0, 12.0, 0.5, ""));
        store.writeResults(runId, rows, T1);
        store.writeResults(runId, rows, T1);

        assertThat(count("check_results", "run_id = '" + runId + "'")).isEqualTo(2);
    }

    @Test
    void anExclusionAddedTwiceIsOneExclusion() {
        StateStore.Exclusion exclusion = new StateStore.Exclusion("volume", "count", "", T0, T1, "expected");
        store.addExclusion("retry_excl", exclusion, T1);
        store.addExclusion("retry_excl", exclusion, T1);

        assertThat(store.exclusions("retry_excl")).hasSize(1);
    }

    @Test
    void stateTablesWithoutReplacingEngineDeduplicateRepeatedInserts() {
        List<String> plain = database.dsl().fetch("SELECT name FROM system.tables WHERE database = ? "
                + "AND engine = 'MergeTree'", database.name()).map(r -> r.get(0, String.class));
        assertThat(plain).contains("check_runs", "check_results", "training_exclusions", "incident_events");
        for (String table : plain) {
            String create = (String) database.dsl().fetchValue("SELECT create_table_query FROM system.tables "
                    + "WHERE database = ? AND name = ?", database.name(), table);
            assertThat(create).as(table).contains("non_replicated_deduplication_window");
        }
    }

    private long count(String table, String where) {
        return ((Number) database.dsl().fetchValue("SELECT count() FROM " + database.name() + "." + table
                + " WHERE " + where)).longValue();
    }
}
