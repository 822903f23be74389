package dev.trackwatch.query;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.plan.DriftFinding;
import dev.trackwatch.plan.PlanTestEvents;
import dev.trackwatch.plan.SchemaDrift;
import dev.trackwatch.plan.TableColumns;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Table columns of every dataset from system.columns, in one query; and DDL drift on them. */
class QueryTableColumnsReaderTest {

    @BeforeAll
    static void table() throws Exception {
        PlanTestEvents.dsl();
    }

    @Test
    void readsEveryDatasetsColumnsInOneQuery() throws Exception {
        DatasetSpec events = PlanTestEvents.dataset("events", null);
        DatasetSpec sameTable = PlanTestEvents.dataset("events_web", "platform = 'web'");
        DatasetSpec missing = new DatasetSpec("missing", "plan_test", "no_such_table", "ts", null, Duration.ofHours(1),
                List.of(), null, "growth", Map.of(), Duration.ofMinutes(5), 0, Duration.ofDays(1), List.of(),
                dev.trackwatch.config.SourceLocation.of("datasets/missing.yaml"));
        Map<String, TableColumns> columns;
        try (CountingProxy proxy = new CountingProxy(TestingClickHouse.embedded().httpUri());
             Connection connection = TestingClickHouse.connect(proxy.jdbcUrl(), new Properties())) {
            int before = proxy.statements().size();
            columns = TableColumnsReader.read(DSL.using(connection, SQLDialect.CLICKHOUSE), List.of(events, sameTable, missing));
            assertThat(proxy.statements().subList(before, proxy.statements().size())).singleElement()
                    .satisfies(sql -> assertThat(sql).contains("system", "columns").contains("'no_such_table'"));
        }
        assertThat(columns).containsOnlyKeys("events", "events_web", "missing");
        TableColumns table = columns.get("events");
        assertThat(table.columns().keySet()).containsExactly("event_id", "event_time", "ingested_at", "event_name",
                "platform", "country", "user-id", "order", "properties", "payload", "schema_version");
        assertThat(table.type("country")).isEqualTo("LowCardinality(Nullable(String))");
        assertThat(table.isJson("properties")).isTrue();
        assertThat(table.isString("payload")).isTrue();
        assertThat(table.isString("country")).isTrue();
        assertThat(table.isNullable("user-id")).isTrue();
        assertThat(columns.get("events_web")).isEqualTo(table);
        assertThat(columns.get("missing").exists()).isFalse();
        assertThat(columns.get("missing").qualifiedName()).isEqualTo("plan_test.no_such_table");
    }

    @Test
    void schemaDriftAgainstTheRealTable() throws Exception {
        TableColumns table = TableColumnsReader.read(PlanTestEvents.dsl(), List.of(PlanTestEvents.dataset("events", null)))
                .get("events");
        Map<String, String> contract = new LinkedHashMap<>();
        contract.put("event_time", "DateTime64(3,'UTC')");
        contract.put("event_name", "String");
        contract.put("page_path", "Nullable(String)");
        assertThat(SchemaDrift.compare(contract, table, true)).containsExactly(
                new DriftFinding("event_name", DriftFinding.Kind.RETYPED, "String", "LowCardinality(String)"),
                new DriftFinding("page_path", DriftFinding.Kind.MISSING, "Nullable(String)", null));
        assertThat(SchemaDrift.compare(contract, table, false)).hasSize(2 + table.columns().size() - 2);
    }
}
