package dev.trackwatch.query;

import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.checks.CustomSpec;
import dev.trackwatch.checks.VolumeSpec;
import com.clickhouse.client.api.ServerException;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.plan.DatasetQuery;
import dev.trackwatch.plan.PlanTestEvents;
import dev.trackwatch.plan.QueryPlanner;
import dev.trackwatch.plan.TableColumns;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static dev.trackwatch.plan.PlanTestEvents.FROM;
import static dev.trackwatch.plan.PlanTestEvents.TO;
import static dev.trackwatch.plan.PlanTestEvents.common;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Guardrails are per-request server settings, and every failure comes back as a ScanFailure. */
class QueryGuardrailsTest {

    private static DSLContext dsl;
    private static DatasetQuery volume;

    @BeforeAll
    static void plan() throws Exception {
        dsl = PlanTestEvents.dsl();
        volume = MetricQueryExecutorTest.plan(PlanTestEvents.dataset("events", null,
                new VolumeSpec(common("volume"), List.of("platform"), 0, Bounds.NONE)));
    }

    @Test
    void maxRowsToReadFailsTheScanWithCode158() {
        ScanResult result = MetricQueryExecutor.execute(dsl, volume,
                QueryGuardrails.of(Duration.ofSeconds(10)).withMaxRowsToRead(1));
        assertThat(result).isInstanceOfSatisfying(ScanFailure.class, failure -> {
            assertThat(failure.code()).isEqualTo(ScanFailure.TOO_MANY_ROWS);
            assertThat(failure.message()).startsWith("dataset 'events': ").contains("max_rows_to_read");
            assertThat(failure.dataset()).isEqualTo("events");
        });
    }

    @Test
    void maxExecutionTimeFailsASlowScanWithCode159AndTheNextScanSucceeds() throws Exception {
        DatasetQuery slow = MetricQueryExecutorTest.plan(PlanTestEvents.dataset("events", null,
                new CustomSpec(common("slow"),
                        "count() + (SELECT count() FROM numbers(2000000000) WHERE cityHash64(number) = 0)", List.of(),
                        Bounds.NONE)));
        ScanResult result = MetricQueryExecutor.execute(dsl, slow, QueryGuardrails.of(Duration.ofSeconds(1)));
        assertThat(result).isInstanceOfSatisfying(ScanFailure.class, failure -> {
            assertThat(failure.code()).isEqualTo(ScanFailure.TIMEOUT_EXCEEDED);
            assertThat(failure.message()).contains("Timeout exceeded");
        });
        ScanResult next = MetricQueryExecutor.execute(dsl, volume, QueryGuardrails.of(Duration.ofSeconds(1)));
        assertThat(next).isInstanceOfSatisfying(ScanSuccess.class,
                success -> assertThat(success.observations()).isNotEmpty());
    }

    @Test
    void readOnlyScansCannotWrite() throws Exception {
        dsl.execute("CREATE TABLE IF NOT EXISTS plan_test.guard (x UInt8) ENGINE = MergeTree ORDER BY x");
        String insert = "INSERT INTO plan_test.guard SELECT 1";
        // The executor's own settings, sent through the same client the data query uses.
        dsl.connection(connection -> {
            var client = MetricQueryExecutor.client(connection);
            assertThatThrownBy(() -> client.query(insert,
                    MetricQueryExecutor.querySettings(QueryGuardrails.of(Duration.ofSeconds(5)))).get().close())
                    .satisfies(e -> assertThat(serverCode(e)).isEqualTo(ScanFailure.READONLY));
            client.query(insert, MetricQueryExecutor.querySettings(
                    new QueryGuardrails(Duration.ofSeconds(5), null, false))).get().close();
        });
        assertThat(((Number) dsl.fetchValue("SELECT count() FROM plan_test.guard")).longValue()).isEqualTo(1);
    }

    /** The client throws the ServerException directly or wrapped in an ExecutionException. */
    private static int serverCode(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ServerException server) {
                return server.getCode();
            }
        }
        throw new AssertionError("no ServerException in " + thrown, thrown);
    }

    @Test
    void aTableDroppedAfterPlanningFailsWithCode60() {
        dsl.execute("CREATE TABLE IF NOT EXISTS plan_test.gone (event_time DateTime('UTC')) ENGINE = MergeTree ORDER BY event_time");
        DatasetSpec gone = new DatasetSpec("gone", "plan_test", "gone", "event_time", null, Duration.ofHours(1), List.of(),
                null, "growth", java.util.Map.of(), Duration.ofMinutes(5), 0, Duration.ofDays(1),
                List.of(new VolumeSpec(common("volume"), List.of(), 0, Bounds.NONE)),
                dev.trackwatch.config.SourceLocation.of("datasets/gone.yaml"));
        TableColumns columns = TableColumnsReader.read(dsl, List.of(gone)).get("gone");
        DatasetQuery query = QueryPlanner.plan(gone, CheckTypes.metrics(gone, List.of()), columns, FROM, TO);
        dsl.execute("DROP TABLE plan_test.gone");
        ScanResult result = MetricQueryExecutor.execute(dsl, query, QueryGuardrails.of(Duration.ofSeconds(5)));
        assertThat(result).isInstanceOfSatisfying(ScanFailure.class, failure -> {
            assertThat(failure.code()).isEqualTo(ScanFailure.UNKNOWN_TABLE);
            assertThat(failure.message()).startsWith("dataset 'gone': ").contains("plan_test.gone");
        });
    }

    @Test
    void anUnreachableServerIsANetworkErrorNotAnException() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:clickhouse://127.0.0.1:" + closedPort + "/default";
        Properties properties = new Properties();
        properties.setProperty("user", "default");
        DSLContext unreachable = DSL.using(new org.jooq.impl.DataSourceConnectionProvider(
                new org.jooq.tools.jdbc.SingleConnectionDataSource(null) {
                    @Override
                    public java.sql.Connection getConnection() throws java.sql.SQLException {
                        return DriverManager.getConnection(url, properties);
                    }
                }), SQLDialect.CLICKHOUSE);
        ScanResult result = MetricQueryExecutor.execute(unreachable, volume, QueryGuardrails.of(Duration.ofSeconds(5)));
        assertThat(result).isInstanceOfSatisfying(ScanFailure.class, failure -> {
            assertThat(failure.code()).isEqualTo(ScanFailure.NETWORK_ERROR);
            assertThat(failure.message()).startsWith("dataset 'events': ").contains("Connection refused");
        });
    }
}
