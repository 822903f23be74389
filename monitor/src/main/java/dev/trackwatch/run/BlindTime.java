package dev.trackwatch.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The spans in which the monitor itself could not reach ClickHouse (its blind time), as the
 * watchdog saw them. Data written in such a span usually arrives late (the pipeline that feeds
 * ClickHouse was cut off too), so {@link DatasetRunner} defers judging the buckets that overlap one
 * until the span has settled (as long as it lasted, at most the dataset's late-data allowance)
 * after it ended: deferred, never skipped.
 * The runner knows only this interface; the watchdog, a layer above, implements it.
 */
public interface BlindTime {

    /** No blind time: every closed bucket is judged when it closes (run-once, backtest). */
    BlindTime NONE = List::of;

    /**
     * One span without ClickHouse.
     *
     * @param from the last moment ClickHouse was known reachable before the span
     * @param to the first moment it was reachable again, or null while it still is not
     */
    record Span(Instant from, Instant to) {
    }

    /** Returns the recent spans, oldest first; the newest may still be open. */
    List<Span> spans();

    /** The least a span settles: a blip of a few seconds still lets the rows it held back arrive. */
    Duration MIN_SETTLE = Duration.ofMinutes(1);

    /**
     * Returns the buckets of {@code judged} (starts, oldest first) that a run as of {@code asOf}
     * defers: those ending after a span began, while {@code asOf} is earlier than the span's settle
     * time after it ended (an open span ends at {@code asOf}: the run itself reached ClickHouse).
     * A span settles for as long as it lasted (the backlog it held back takes about as long to
     * arrive), at least {@link #MIN_SETTLE}, at most {@code maxSettle} (the dataset's late-data
     * allowance): a 20-second blip must not hold back an hourly dataset's judging for hours.
     */
    static List<Instant> deferred(List<Span> spans, List<Instant> judged, Duration bucket, Duration maxSettle,
                                  Instant asOf) {
        List<Instant> deferred = new ArrayList<>();
        for (Instant start : judged) {
            Instant end = start.plus(bucket);
            for (Span span : spans) {
                Instant to = span.to() == null || span.to().isAfter(asOf) ? asOf : span.to();
                Duration lasted = Duration.between(span.from(), to);
                Duration settle = lasted.compareTo(MIN_SETTLE) < 0 ? MIN_SETTLE
                        : lasted.compareTo(maxSettle) > 0 ? maxSettle : lasted;
                if (end.isAfter(span.from()) && asOf.isBefore(to.plus(settle))) {
                    deferred.add(start);
                    break;
                }
            }
        }
        return deferred;
    }
}
