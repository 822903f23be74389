package dev.trackwatch.state;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as bound string values that ClickHouse parses unambiguously into
 * {@code DateTime64(3, 'UTC')} columns, whatever the client's or server's time zone.
 */
public final class ClickHouseTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private ClickHouseTime() {
    }

    /** Formats {@code instant} as {@code yyyy-MM-dd HH:mm:ss.SSS} in UTC. */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
