package dev.trackwatch.demo;

import dev.trackwatch.embedded.TestingClickHouse;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo generator writes 28 days of seasonal product events with the injected incidents
 * visible in the data, is idempotent (a second top-up adds nothing) and appends only new minutes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoEventGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:34:56Z");

    private Connection connection;
    private DSLContext dsl;
    private Instant anchor;

    @BeforeAll
    void seed() throws Exception {
        connection = TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"), new Properties());
        dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
        dsl.execute("DROP DATABASE IF EXISTS demo");
        DemoEventGenerator generator = new DemoEventGenerator(dsl);
        anchor = generator.prepare(NOW);
        generator.topUp(anchor, NOW);
    }

    @Test
    void anchorIsTheFirstGenerationHourAndStaysFixed() {
        assertThat(anchor).isEqualTo(Instant.parse("2026-03-10T12:00:00Z"));
        assertThat(new DemoEventGenerator(dsl).prepare(NOW.plus(Duration.ofDays(2)))).isEqualTo(anchor);
    }

    @Test
    void historyCoversTwentyEightDaysUpToNow() {
        var row = dsl.fetchOne("SELECT toUnixTimestamp(min(event_time)), toUnixTimestamp(max(event_time)), count() FROM demo.events");
        assertThat(Instant.ofEpochSecond(row.get(0, Long.class))).isBetween(
                anchor.minus(Duration.ofDays(28)), anchor.minus(Duration.ofDays(28)).plusSeconds(60));
        // Another test appends up to three minutes after NOW.
        assertThat(Instant.ofEpochSecond(row.get(1, Long.class))).isBefore(NOW.plus(Duration.ofMinutes(4)));
        assertThat(row.get(2, Long.class)).isBetween(250_000L, 350_000L);
    }

    @Test
    void secondTopUpAddsNothingAndLaterOnesOnlyNewMinutes() {
        DemoEventGenerator generator = new DemoEventGenerator(dsl);
        long before = value(Long.class, "SELECT count() FROM demo.events");
        assertThat(generator.topUp(anchor, NOW)).isZero();
        assertThat(generator.topUp(anchor, NOW.plus(Duration.ofMinutes(3)))).isEqualTo(3);
        long after = value(Long.class, "SELECT count() FROM demo.events");
        assertThat(after - before).isBetween(5L, 80L);
    }

    @Test
    void iosDropRemovesNinetyPercentOfIosEventsDuringTheIncident() {
        long[] w = DemoEventGenerator.window(anchor, "ios_volume_drop");
        long during = iosEvents(w[0], w[1]);
        long weekBefore = iosEvents(w[0] - 7 * 86400, w[1] - 7 * 86400);
        assertThat((double) during / weekBefore).isBetween(0.05, 0.16);
    }

    @Test
    void loaderLagDelaysIngestionByTwoHours() {
        long[] w = DemoEventGenerator.window(anchor, "loader_lag");
        double lagSeconds = value(Double.class, "SELECT avg(dateDiff('second', event_time, ingested_at)) FROM demo.events "
                + "WHERE toUnixTimestamp(event_time) BETWEEN ? AND ?", w[0], w[1] - 1);
        assertThat(lagSeconds).isGreaterThan(7200);
    }

    @Test
    void amountCentsArrivesAsStringFromIosFiveThreeOnly() {
        var row = dsl.fetchOne("SELECT countIf(dynamicType(properties.amount_cents) = 'String'), "
                + "countIf(dynamicType(properties.amount_cents) = 'String' AND app_version != '5.3.0') "
                + "FROM demo.events WHERE event_name = 'purchase'");
        assertThat(row.get(0, Long.class)).isPositive();
        assertThat(row.get(1, Long.class)).isZero();
    }

    @Test
    void theOutageHourHasNoEventsAtAll() {
        long[] w = DemoEventGenerator.window(anchor, "outage");
        assertThat(value(Long.class, "SELECT count() FROM demo.events WHERE toUnixTimestamp(event_time) >= ? "
                + "AND toUnixTimestamp(event_time) < ?", w[0], w[1])).isZero();
        assertThat(value(Long.class, "SELECT count() FROM demo.events WHERE toUnixTimestamp(event_time) >= ? "
                + "AND toUnixTimestamp(event_time) < ?", w[0] - 7 * 86400, w[1] - 7 * 86400)).isPositive();
    }

    @Test
    void duplicateFiringDoublesWebCheckoutsOnly() {
        long[] w = DemoEventGenerator.window(anchor, "duplicate_checkout_events");
        String sql = "SELECT countIf(event_name = 'checkout_started'), countIf(event_name = 'search') FROM demo.events "
                + "WHERE platform = 'web' AND toUnixTimestamp(event_time) >= ? AND toUnixTimestamp(event_time) < ?";
        var during = dsl.fetchOne(sql, w[0], w[1]);
        var history = dsl.fetchOne(sql, 0L, w[0]);
        // Checkouts per search during the incident against the whole history: about twice as many.
        double duringRatio = during.get(0, Double.class) / during.get(1, Double.class);
        double usualRatio = history.get(0, Double.class) / history.get(1, Double.class);
        assertThat(duringRatio / usualRatio).isBetween(1.6, 2.8);
    }

    @Test
    void constantSessionIdCollapsesIosSessionsToOne() {
        long[] w = DemoEventGenerator.window(anchor, "constant_session_id");
        assertThat(value(Long.class, "SELECT uniqExact(session_id) FROM demo.events WHERE platform = 'ios' "
                + "AND toUnixTimestamp(event_time) >= ? AND toUnixTimestamp(event_time) < ?", w[0], w[1])).isEqualTo(1);
    }

    @Test
    void trafficGrowsOverTheHistory() {
        long firstWeek = value(Long.class, "SELECT count() FROM demo.events WHERE event_time >= ? AND event_time < ?",
                "2026-02-11 00:00:00", "2026-02-18 00:00:00");
        long lastWeek = value(Long.class, "SELECT count() FROM demo.events WHERE event_time >= ? AND event_time < ?",
                "2026-03-03 00:00:00", "2026-03-10 00:00:00");
        // 30 % over 28 days: three weeks apart is about +22 %, less what the week's incidents removed.
        assertThat((double) lastWeek / firstWeek).isBetween(1.12, 1.30);
    }

    private <T> T value(Class<T> type, String sql, Object... bindings) {
        return dsl.fetchOne(sql, bindings).get(0, type);
    }

    private long iosEvents(long from, long to) {
        return value(Long.class, "SELECT count() FROM demo.events WHERE platform = 'ios' "
                + "AND toUnixTimestamp(event_time) >= ? AND toUnixTimestamp(event_time) < ?", from, to);
    }
}
