package dev.trackwatch.demo;

import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Generates the demo's product events inside ClickHouse ({@code INSERT ... SELECT} over
 * {@code numbers()}), one slot per minute and platform, deterministically from the slot time, so
 * the same range always yields the same rows. Data is appended up to "now" on start and then
 * every minute, which gives the demo a live, fresh table.
 */
public final class DemoEventGenerator {

    /** Database and table the demo writes. */
    public static final String DATABASE = "demo";
    public static final String TABLE = "events";

    private static final Logger LOG = LoggerFactory.getLogger(DemoEventGenerator.class);

    private final DSLContext dsl;

    public DemoEventGenerator(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Creates the demo tables when missing and returns the scenario anchor (first generation hour). */
    public Instant prepare(Instant now) {
        dsl.execute(DemoSql.CREATE_DATABASE);
        dsl.execute(DemoSql.CREATE_EVENTS);
        dsl.execute(DemoSql.CREATE_SCENARIO);
        dsl.execute(DemoSql.CREATE_GENERATED);
        Record1<Long> anchor = dsl.resultQuery("SELECT toUnixTimestamp(min(anchor)) FROM demo.scenario")
                .coerce(DSL.field("a", Long.class)).fetchOne();
        if (anchor != null && anchor.value1() != null && anchor.value1() > 0) {
            return Instant.ofEpochSecond(anchor.value1());
        }
        Instant fresh = now.truncatedTo(ChronoUnit.HOURS);
        dsl.execute("INSERT INTO demo.scenario (anchor) VALUES (toDateTime(?, 'UTC'))", fresh.getEpochSecond());
        return fresh;
    }

    /**
     * Appends events for every whole minute after the newest generated one (or from the start of
     * the history) up to {@code now}. Returns the number of minutes generated.
     */
    public long topUp(Instant anchor, Instant now) {
        Instant historyStart = anchor.minus(Duration.ofDays(DemoScenario.HISTORY_DAYS));
        Long newest = dsl.resultQuery("SELECT toUnixTimestamp(max(slot)) FROM demo.generated")
                .coerce(DSL.field("s", Long.class)).fetchOne().value1();
        Instant from = newest == null || newest == 0 ? historyStart : Instant.ofEpochSecond(newest).plusSeconds(60);
        Instant to = now.truncatedTo(ChronoUnit.MINUTES);
        long minutes = Duration.between(from, to).toMinutes();
        if (minutes <= 0) {
            return 0;
        }
        long started = System.nanoTime();
        // Bind order follows the ? markers in DemoSql.INSERT_EVENTS.
        dsl.execute(DemoSql.INSERT_EVENTS,
                from.getEpochSecond(), minutes * DemoScenario.PLATFORMS.size(),
                window(anchor, "ios_volume_drop")[0], window(anchor, "ios_volume_drop")[1],
                window(anchor, "loader_lag")[0], window(anchor, "loader_lag")[1],
                window(anchor, "android_user_id_missing")[0], window(anchor, "android_user_id_missing")[1],
                window(anchor, "order_ids_in_page_path")[0], window(anchor, "order_ids_in_page_path")[1],
                window(anchor, "amount_cents_as_string")[0],
                window(anchor, "web_user_id_missing")[0], window(anchor, "web_user_id_missing")[1],
                window(anchor, "order_ids_in_page_path_recent")[0], window(anchor, "order_ids_in_page_path_recent")[1],
                window(anchor, "unknown_event")[0], window(anchor, "unknown_event")[1],
                window(anchor, "android_sdk_drop")[0], window(anchor, "android_sdk_drop")[1],
                window(anchor, "ios_ingestion_delay")[0], window(anchor, "ios_ingestion_delay")[1],
                historyStart.getEpochSecond(),
                window(anchor, "outage")[0], window(anchor, "outage")[1],
                window(anchor, "duplicate_checkout_events")[0], window(anchor, "duplicate_checkout_events")[1],
                window(anchor, "constant_session_id")[0], window(anchor, "constant_session_id")[1]);
        dsl.execute("INSERT INTO demo.generated (slot) VALUES (toDateTime(?, 'UTC'))", to.minusSeconds(60).getEpochSecond());
        LOG.info("demo: generated {} minutes of events from {} to {} in {} ms", minutes, from, to,
                (System.nanoTime() - started) / 1_000_000);
        return minutes;
    }

    /** Returns [start, end) of an incident in epoch seconds; an open-ended one ends far in the future. */
    static long[] window(Instant anchor, String incident) {
        DemoIncident i = DemoScenario.incident(incident);
        Instant start = anchor.plus(i.startOffset());
        Instant end = i.duration().isZero() ? Instant.parse("2100-01-01T00:00:00Z") : start.plus(i.duration());
        return new long[] {start.getEpochSecond(), end.getEpochSecond()};
    }
}
