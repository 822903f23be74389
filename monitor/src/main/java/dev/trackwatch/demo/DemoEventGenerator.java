package dev.trackwatch.demo;

import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

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

    private Instant liveStart;

    public DemoEventGenerator(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Returns when the demo first started, to the minute: the start of the clock of {@link DemoScenario#LIVE}. */
    public Instant liveStart() {
        return liveStart;
    }

    /** Creates the demo tables when missing and returns the scenario anchor (first generation hour). */
    public Instant prepare(Instant now) {
        dsl.execute(DemoSql.CREATE_DATABASE);
        dsl.execute(DemoSql.CREATE_EVENTS);
        dsl.execute(DemoSql.CREATE_SCENARIO);
        dsl.execute(DemoSql.CREATE_GENERATED);
        dsl.execute(DemoSql.CREATE_LIVE);
        Record1<Long> started = dsl.resultQuery("SELECT toUnixTimestamp(min(started)) FROM demo.live")
                .coerce(DSL.field("s", Long.class)).fetchOne();
        if (started != null && started.value1() != null && started.value1() > 0) {
            liveStart = Instant.ofEpochSecond(started.value1());
        } else {
            liveStart = now.truncatedTo(ChronoUnit.MINUTES);
            dsl.execute("INSERT INTO demo.live (started) VALUES (toDateTime(?, 'UTC'))", liveStart.getEpochSecond());
        }
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
        dsl.execute(DemoSql.INSERT_EVENTS, binds(anchor, liveStart == null ? anchor : liveStart, from, minutes).toArray());
        dsl.execute("INSERT INTO demo.generated (slot) VALUES (toDateTime(?, 'UTC'))", to.minusSeconds(60).getEpochSecond());
        LOG.info("demo: generated {} minutes of events from {} to {} in {} ms", minutes, from, to,
                (System.nanoTime() - started) / 1_000_000);
        return minutes;
    }

    /** The values of the ? markers of {@link DemoSql#INSERT_EVENTS}, in their order. */
    private static List<Object> binds(Instant anchor, Instant live, Instant from, long minutes) {
        List<Object> binds = new ArrayList<>(List.of(from.getEpochSecond(), minutes * DemoScenario.PLATFORMS.size()));
        for (String incident : List.of("ios_volume_drop", "loader_lag", "android_user_id_missing", "order_ids_in_page_path")) {
            addWindow(binds, anchor, incident);
        }
        binds.add(window(anchor, "amount_cents_as_string")[0]); // open-ended: only its start is bound
        for (String incident : List.of("web_user_id_missing", "order_ids_in_page_path_recent", "unknown_event",
                "android_sdk_drop", "ios_ingestion_delay")) {
            addWindow(binds, anchor, incident);
        }
        binds.add(anchor.minus(Duration.ofDays(DemoScenario.HISTORY_DAYS)).getEpochSecond()); // growth starts here
        for (String incident : List.of("outage", "duplicate_checkout_events", "constant_session_id")) {
            addWindow(binds, anchor, incident);
        }
        for (DemoIncident incident : DemoScenario.LIVE) {
            Instant liveFrom = live.plus(incident.startOffset());
            binds.add(liveFrom.getEpochSecond());
            binds.add(liveFrom.plus(incident.duration()).getEpochSecond());
        }
        return binds;
    }

    private static void addWindow(List<Object> binds, Instant anchor, String incident) {
        long[] w = window(anchor, incident);
        binds.add(w[0]);
        binds.add(w[1]);
    }

    /** Returns [start, end) of an incident in epoch seconds; an open-ended one ends far in the future. */
    static long[] window(Instant anchor, String incident) {
        DemoIncident i = DemoScenario.incident(incident);
        Instant start = anchor.plus(i.startOffset());
        Instant end = i.duration().isZero() ? Instant.parse("2100-01-01T00:00:00Z") : start.plus(i.duration());
        return new long[] {start.getEpochSecond(), end.getEpochSecond()};
    }
}
