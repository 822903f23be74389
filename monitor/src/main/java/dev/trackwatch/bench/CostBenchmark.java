package dev.trackwatch.bench;

import dev.trackwatch.checks.CardinalitySpec;
import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.checks.CustomSpec;
import dev.trackwatch.checks.LatencySpec;
import dev.trackwatch.checks.NullRateSpec;
import dev.trackwatch.checks.VolumeSpec;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.ColumnRef;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.embedded.EmbeddedClickHouseServer;
import dev.trackwatch.plan.DatasetQuery;
import dev.trackwatch.plan.MetricRequest;
import dev.trackwatch.plan.QueryPlanner;
import dev.trackwatch.plan.TableColumns;
import dev.trackwatch.query.MetricQueryExecutor;
import dev.trackwatch.query.QueryGuardrails;
import dev.trackwatch.query.ScanCost;
import dev.trackwatch.query.ScanResult;
import dev.trackwatch.query.ScanSuccess;
import dev.trackwatch.query.TableColumnsReader;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Measures what the merged query plan saves: one dataset with many checks over a generated event
 * table is scanned once with {@link QueryPlanner}'s single query, then the way most tools do it,
 * with one query per metric and per segment dimension (and one for the total). It prints the
 * rows and bytes the server reports as read, the number of queries and the wall time of each
 * approach, then the over-read of an incremental tick (one new hour and three re-checked late
 * hours). It prints figures; it asserts nothing.
 *
 * <p>The table is ordered by event time alone ({@code ORDER BY event_time}), so the primary key
 * prunes a time window to the granules that overlap it: a tick reads little more than its window.
 */
public final class CostBenchmark {

    private static final String DATABASE = "bench";
    private static final String TABLE = "cost_events";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofDays(7));
    private static final List<String> SEGMENTS = List.of("event_name", "platform", "country");
    private static final int PLAIN_COLUMNS = 16;
    private static final List<String> PROPERTIES = List.of("plan", "amount", "referrer", "session_id");
    private static final int LATE_BUCKETS = 3;
    private static final QueryGuardrails GUARDRAILS = QueryGuardrails.of(Duration.ofMinutes(10));

    private final EmbeddedClickHouseServer server;
    private final PrintStream out;

    public CostBenchmark(EmbeddedClickHouseServer server, PrintStream out) {
        this.server = server;
        this.out = out;
    }

    /** Generates {@code rows} events over seven days, then measures the planned, naive and incremental scans. */
    public void run(long rows) throws Exception {
        Properties props = new Properties();
        props.setProperty("socket_timeout", String.valueOf(Duration.ofMinutes(15).toMillis()));
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("default"), props)) {
            DSLContext dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
            out.printf("embedded ClickHouse %s, %,d rows over %s .. %s%n", server.engine().version(), rows, START, END);
            long started = System.nanoTime();
            generate(dsl, rows);
            out.printf("generated %,d rows in %.1f s (ORDER BY event_time, so a time window prunes by primary key)%n",
                    count(dsl, START, END), seconds(started));

            DatasetSpec dataset = dataset();
            TableColumns columns = TableColumnsReader.read(dsl, List.of(dataset)).get(dataset.name());
            List<MetricRequest> requests = CheckTypes.metrics(dataset, List.of());

            Totals planned = new Totals();
            planned.add(execute(dsl, QueryPlanner.plan(dataset, requests, columns, START, END)));
            Totals naive = new Totals();
            for (MetricRequest request : requests) {
                List<List<String>> breakdowns = new ArrayList<>();
                breakdowns.add(List.of()); // the total, as its own query
                request.segments().forEach(s -> breakdowns.add(List.of(s)));
                for (List<String> segments : breakdowns) {
                    MetricRequest single = new MetricRequest(request.check(), request.metric(), segments);
                    naive.add(execute(dsl, QueryPlanner.plan(dataset, List.of(single), columns, START, END)));
                }
            }
            out.printf("%d checks, %d metric requests, %d segment dimensions, bucket %s, window 7 days%n",
                    dataset.checks().size(), requests.size(), SEGMENTS.size(), dataset.bucket());
            out.printf("%-8s %8s %16s %16s %10s%n", "approach", "queries", "rows read", "bytes read", "wall s");
            planned.print("planned");
            naive.print("naive");
            double rowsRatio = (double) naive.rows / planned.rows;
            out.printf("naive / planned: rows read %.1fx, bytes read %.1fx, queries %dx, wall time %.1fx%n",
                    rowsRatio, (double) naive.bytes / planned.bytes, naive.queries / planned.queries,
                    (double) naive.nanos / planned.nanos);

            Instant tickFrom = END.minus(dataset.bucket().multipliedBy(LATE_BUCKETS + 1L));
            ScanCost tick = execute(dsl, QueryPlanner.plan(dataset, requests, columns, tickFrom, END));
            long inWindow = count(dsl, tickFrom, END);
            double overread = (double) tick.readRows() / inWindow;
            out.printf("incremental tick [%s, %s): %,d rows in window, %,d rows read, %,d bytes read, %.2f s%n",
                    tickFrom, END, inWindow, tick.readRows(), tick.readBytes(), tick.elapsed().toNanos() / 1e9);
            out.printf("rows_read_ratio=%.1f incremental_overread=%.2f%n", rowsRatio, overread);
        }
    }

    /** Creates the table and fills it inside the engine with one {@code INSERT ... SELECT}. */
    private static void generate(DSLContext dsl, long rows) {
        dsl.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        dsl.execute("DROP TABLE IF EXISTS " + DATABASE + "." + TABLE);
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + DATABASE + "." + TABLE + " (event_time DateTime64(3, 'UTC'), "
                + "ingested_at DateTime64(3, 'UTC'), event_name LowCardinality(String), platform LowCardinality(String), "
                + "country LowCardinality(String)");
        StringBuilder select = new StringBuilder("SELECT fromUnixTimestamp64Milli(toInt64(? + intDiv(number * ?, ?)), 'UTC') AS t, "
                + "t + toIntervalMillisecond(1000 + cityHash64(number, 1) % 60000 + if(cityHash64(number, 2) % 50 = 0, 1800000, 0)), "
                + "['page_view', 'click', 'signup', 'login', 'purchase', 'add_to_cart', 'search', 'logout'][1 + cityHash64(number, 3) % 8], "
                + "['web', 'ios', 'android'][1 + cityHash64(number, 4) % 3], "
                + "['US', 'DE', 'FR', 'GB', 'IN', 'BR'][1 + cityHash64(number, 5) % 6]");
        for (int i = 1; i <= PLAIN_COLUMNS; i++) {
            boolean string = i % 2 == 1;
            // Null rates from 0% to 75% and cardinalities from 10 to 10^6, varying with the column number.
            long nullPercent = (i * 5L) % 80;
            long cardinality = (long) Math.pow(10, 1 + i % 6);
            String value = "cityHash64(number, " + (100 + i) + ") % " + cardinality;
            ddl.append(String.format(", c%02d Nullable(%s)", i, string ? "String" : "Int64"));
            select.append(String.format(", if(cityHash64(number, %d) %% 100 < %d, NULL, %s)", 200 + i, nullPercent,
                    string ? "concat('v', toString(" + value + "))" : "toInt64(" + value + ")"));
        }
        ddl.append(", properties JSON) ENGINE = MergeTree ORDER BY event_time");
        select.append(", CAST(concat('{', if(cityHash64(number, 301) % 10 < 9, concat('\"plan\":\"', ['free', 'pro', 'team'][1 + number % 3], '\",'), ''), "
                + "if(cityHash64(number, 302) % 2 = 0, concat('\"amount\":', toString(number % 500), ','), ''), "
                + "if(cityHash64(number, 303) % 4 = 0, '\"referrer\":null,', ''), "
                + "'\"session_id\":\"s', toString(intDiv(number, 20)), '\"}') AS JSON) FROM numbers(?) "
                + "SETTINGS max_insert_threads = 2, max_threads = 2");
        dsl.execute(ddl.toString());
        dsl.execute("INSERT INTO " + DATABASE + "." + TABLE + " " + select, START.toEpochMilli(),
                Duration.between(START, END).toMillis(), rows, rows);
    }

    /** The dataset: every check type that scans, each segmented by all three dimensions. */
    private static DatasetSpec dataset() {
        List<ColumnRef> monitored = new ArrayList<>();
        for (int i = 1; i <= PLAIN_COLUMNS; i++) {
            monitored.add(new ColumnRef(String.format("c%02d", i), List.of()));
        }
        PROPERTIES.forEach(p -> monitored.add(new ColumnRef("properties", List.of(p))));
        List<ColumnRef> distinct = List.of("c01", "c04", "c07", "c10", "c13").stream()
                .map(c -> new ColumnRef(c, List.of())).toList();
        List<CheckSpec> checks = List.of(
                new VolumeSpec(common("volume"), SEGMENTS, 0, Bounds.NONE),
                new NullRateSpec(common("null_rate"), monitored, SEGMENTS, Bounds.NONE),
                new CardinalitySpec(common("cardinality"), distinct, false, SEGMENTS, Bounds.NONE),
                new LatencySpec(common("latency"), Duration.ofMinutes(10), SEGMENTS, Bounds.NONE, Bounds.NONE),
                new CustomSpec(common("negative_c02"), "countIf(c02 < 0)", SEGMENTS, Bounds.NONE));
        return new DatasetSpec("cost_events", DATABASE, TABLE, "event_time", "ingested_at", Duration.ofHours(1),
                SEGMENTS, null, "bench", Map.of(), Duration.ofMinutes(5), LATE_BUCKETS, Duration.ofDays(7), checks,
                SourceLocation.of("bench"));
    }

    private static CheckCommon common(String name) {
        return new CheckCommon(name, Severity.INFO, "bench", null, Map.of(), SourceLocation.of("bench"));
    }

    /** Runs one planned query; a failed scan stops the benchmark, since its figures would be wrong. */
    private static ScanCost execute(DSLContext dsl, DatasetQuery query) {
        ScanResult result = MetricQueryExecutor.execute(dsl, query, GUARDRAILS);
        if (!(result instanceof ScanSuccess success)) {
            throw new IllegalStateException("scan failed: " + result);
        }
        if (!query.unplanned().isEmpty()) {
            throw new IllegalStateException("requests left out of the plan: " + query.unplanned());
        }
        return success.cost();
    }

    /** Counts the rows whose event time is in {@code [from, to)}, with the window as bind values. */
    private static long count(DSLContext dsl, Instant from, Instant to) {
        return dsl.select(DSL.field("count()", Long.class)).from(DSL.table(DSL.name(DATABASE, TABLE)))
                .where(DSL.condition("event_time >= fromUnixTimestamp64Milli({0}, 'UTC')", DSL.val(from.toEpochMilli())))
                .and(DSL.condition("event_time < fromUnixTimestamp64Milli({0}, 'UTC')", DSL.val(to.toEpochMilli())))
                .fetchOne(0, Long.class);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Sums of the cost of the queries of one approach. */
    private final class Totals {
        long queries;
        long rows;
        long bytes;
        long nanos;

        void add(ScanCost cost) {
            queries++;
            rows += cost.readRows();
            bytes += cost.readBytes();
            nanos += cost.elapsed().toNanos();
        }

        void print(String approach) {
            out.printf("%-8s %8d %,16d %,16d %10.2f%n", approach, queries, rows, bytes, nanos / 1e9);
        }
    }
}
