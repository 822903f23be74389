package dev.trackwatch.plan;

import dev.trackwatch.checks.SchemaSpec;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.EventContract;
import dev.trackwatch.config.EventContract.PropertyRule;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.embedded.TestingClickHouse;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A hand-made events table, {@code plan_test.events}, shaped like the demo's, with exact counts
 * per hourly bucket that the planner and executor tests assert. Window: {@link #FROM} to
 * {@link #TO} (3 buckets), plus one row exactly at {@code TO} and one just before {@code FROM}.
 *
 * <pre>
 * bucket  rows  web ios android  user-id NULL     latency (s)             plan violations
 * 0       20    10  6   4        web 1, android 4 18x2, 1x60 (web), 1x600 (ios)  amount as string, no order_id, currency GBP
 * 1       10    8   0   2        none             all 3                   amount as string, undeclared 'coupon' (v1)
 * 2       8     5   3   0        none             all 1                   unknown event 'purchsae', purchase version 9
 * </pre>
 */
public final class PlanTestEvents {

    public static final String DATABASE = "plan_test";
    public static final String TABLE = "events";
    public static final Instant FROM = Instant.parse("2026-03-02T00:00:00Z");
    public static final Instant TO = FROM.plusSeconds(3 * 3600);

    private static Connection connection;

    private PlanTestEvents() {
    }

    /** Returns a jOOQ context on the shared embedded ClickHouse, creating and filling the table once. */
    public static synchronized DSLContext dsl() throws SQLException {
        if (connection == null) {
            connection = TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"), new Properties());
            DSLContext dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
            dsl.execute("CREATE DATABASE IF NOT EXISTS plan_test");
            dsl.execute("DROP TABLE IF EXISTS plan_test.events");
            dsl.execute("""
                    CREATE TABLE plan_test.events (
                        event_id       UInt32,
                        event_time     DateTime64(3, 'UTC'),
                        ingested_at    DateTime64(3, 'UTC'),
                        event_name     LowCardinality(String),
                        platform       LowCardinality(String),
                        country        LowCardinality(Nullable(String)),
                        `user-id`      Nullable(String),
                        `order`        String,
                        properties     JSON,
                        payload        String,
                        schema_version UInt16
                    ) ENGINE = MergeTree ORDER BY (event_name, event_time)""");
            StringBuilder insert = new StringBuilder("INSERT INTO plan_test.events VALUES ");
            List<String> values = new ArrayList<>();
            int id = 0;
            for (Row r : rows()) {
                values.add("(" + id++ + ", fromUnixTimestamp64Milli(" + r.time.toEpochMilli() + ", 'UTC'), "
                        + "fromUnixTimestamp64Milli(" + (r.time.toEpochMilli() + r.latencyMillis) + ", 'UTC'), "
                        + quote(r.event) + ", " + quote(r.platform) + ", " + quote(r.country) + ", "
                        + quote(r.userId) + ", " + quote("o" + id % 3) + ", " + quote(r.json) + ", " + quote(r.json)
                        + ", " + r.version + ")");
            }
            dsl.execute(insert.append(String.join(", ", values)).toString());
        }
        return DSL.using(connection, SQLDialect.CLICKHOUSE);
    }

    /** Returns the number of rows in the table, including the two outside the window. */
    public static int tableRows() {
        return rows().size();
    }

    private record Row(Instant time, String event, String platform, String country, String userId,
                       long latencyMillis, String json, int version) {
    }

    private static final String PAGE = "{\"path\":\"/\"}";

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // Bucket 0: web 10 (5 US, 5 DE), ios 6 (country NULL), android 4 (country '').
        for (int i = 0; i < 10; i++) {
            String event = i < 6 ? "page_view" : "purchase";
            String json = switch (i) {
                case 6 -> "{\"order_id\":\"o1\",\"amount_cents\":1250,\"currency\":\"EUR\"}";
                case 7 -> "{\"order_id\":\"o2\",\"amount_cents\":\"1250\",\"currency\":\"EUR\"}";
                case 8 -> "{\"amount_cents\":990,\"currency\":\"USD\"}";
                case 9 -> "{\"order_id\":\"o4\",\"amount_cents\":500,\"currency\":\"GBP\"}";
                default -> PAGE;
            };
            String user = i == 5 ? null : "u" + (i < 5 ? i + 1 : i);
            rows.add(new Row(at(0, i * 60), event, "web", i < 5 ? "US" : "DE", user, i == 2 ? 60_000 : 2000, json, 1));
        }
        for (int i = 0; i < 6; i++) {
            rows.add(new Row(at(0, 30 + i * 60), i == 5 ? "signup" : "page_view", "ios", null, "u" + (i / 2 + 1),
                    i == 0 ? 600_000 : 2000, i == 5 ? "{\"method\":\"email\"}" : PAGE, 1));
        }
        for (int i = 0; i < 4; i++) {
            rows.add(new Row(at(0, 45 + i * 60), "page_view", "android", "", null, 2000, PAGE, 1));
        }
        // Bucket 1: web 8, android 2, all US, latency 3 s.
        for (int i = 0; i < 8; i++) {
            String event = i < 5 ? "page_view" : "purchase";
            String json = switch (i) {
                case 5 -> "{\"order_id\":\"o5\",\"amount_cents\":\"99\",\"currency\":\"EUR\"}";
                case 6, 7 -> "{\"order_id\":\"o6\",\"amount_cents\":100,\"currency\":\"USD\",\"coupon\":\"X\"}";
                default -> PAGE;
            };
            rows.add(new Row(at(1, i * 60), event, "web", "US", "u" + (i + 1), 3000, json, i == 6 ? 2 : 1));
        }
        rows.add(new Row(at(1, 600), "page_view", "android", "US", "u10", 3000, PAGE, 1));
        rows.add(new Row(at(1, 660), "page_view", "android", "US", "u11", 3000, PAGE, 1));
        // Bucket 2: web 5, ios 3, all DE, latency 1 s; the last row 1 ms before TO.
        for (int i = 0; i < 5; i++) {
            String event = i == 3 ? "purchsae" : i == 4 ? "purchase" : "page_view";
            String json = i == 4 ? "{\"order_id\":\"o9\",\"amount_cents\":1,\"currency\":\"EUR\"}" : PAGE;
            rows.add(new Row(at(2, i * 60), event, "web", "DE", "u" + (i + 1), 1000, json, i == 4 ? 9 : 1));
        }
        for (int i = 0; i < 3; i++) {
            Instant time = i == 2 ? TO.minusMillis(1) : at(2, 400 + i * 60);
            rows.add(new Row(time, "page_view", "ios", "DE", "u" + (i + 1), 1000, PAGE, 1));
        }
        // Outside the window: exactly at TO (excluded) and 1 ms before FROM (excluded).
        rows.add(new Row(TO, "page_view", "web", "US", "u1", 1000, PAGE, 1));
        rows.add(new Row(FROM.minusMillis(1), "page_view", "web", "US", "u1", 1000, PAGE, 1));
        return rows;
    }

    private static Instant at(int hour, int seconds) {
        return FROM.plusSeconds(hour * 3600L + seconds);
    }

    private static String quote(String value) {
        return value == null ? "NULL" : "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The tracking plan: purchase v1 and v2 (v2 adds 'coupon'), page_view v1, signup v1. */
    public static List<EventContract> trackingPlan() {
        Map<String, PropertyRule> purchase = Map.of(
                "order_id", new PropertyRule(List.of("string"), List.of()),
                "amount_cents", new PropertyRule(List.of("integer"), List.of()),
                "currency", new PropertyRule(List.of("string"), List.of("EUR", "USD")));
        Map<String, PropertyRule> purchaseV2 = new java.util.HashMap<>(purchase);
        purchaseV2.put("coupon", new PropertyRule(List.of("string"), List.of()));
        List<String> required = List.of("order_id", "amount_cents", "currency");
        return List.of(
                new EventContract("purchase", 1, required, purchase, false, SourceLocation.of("tracking-plan/purchase/1.json")),
                new EventContract("purchase", 2, required, purchaseV2, false, SourceLocation.of("tracking-plan/purchase/2.json")),
                new EventContract("page_view", 1, List.of(), Map.of("path", new PropertyRule(List.of("string"), List.of())),
                        true, SourceLocation.of("tracking-plan/page_view/1.json")),
                new EventContract("signup", 1, List.of("method"),
                        Map.of("method", new PropertyRule(List.of("string"), List.of("email", "google"))), true,
                        SourceLocation.of("tracking-plan/signup/1.json")));
    }

    /** Returns a dataset over {@code plan_test.events} with hourly buckets and the given checks. */
    public static DatasetSpec dataset(String name, String filter, CheckSpec... checks) {
        return new DatasetSpec(name, DATABASE, TABLE, "event_time", "ingested_at", Duration.ofHours(1),
                List.of("platform", "country"), filter, "growth", Map.of(), Duration.ofMinutes(5), 2,
                Duration.ofDays(1), List.of(checks), SourceLocation.of("datasets/" + name + ".yaml"));
    }

    /** Returns the common part of a check. */
    public static CheckCommon common(String name) {
        return new CheckCommon(name, Severity.WARNING, "growth", null, Map.of(), SourceLocation.of("datasets/events.yaml"));
    }

    /** A schema check over the tracking plan, reading the given payload column. */
    public static SchemaSpec schema(String name, String propertiesColumn) {
        return new SchemaSpec(common(name), Map.of(), true, true, propertiesColumn, "event_name",
                "schema_version", Bounds.NONE);
    }
}
