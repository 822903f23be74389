package dev.trackwatch.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The spans in which the monitor itself could not reach ClickHouse (its blind time), as the
 * watchdog saw them. Data written in such a span usually arrives late (the pipeline that feeds
 * ClickHouse was cut off too), so {@link DatasetRunner} defers judging the buckets that overlap one
 * until the dataset's late-data allowance has passed after the span ended: deferred, never skipped.
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

    /**
     * Returns the buckets of {@code judged} (starts, oldest first) that a run as of {@code asOf}
     * defers: those ending after a span began, while {@code asOf} is earlier than {@code settle}
     * after that span ended (an open span ends at {@code asOf}: the run itself reached ClickHouse).
     */
    static List<Instant> deferred(List<Span> spans, List<Instant> judged, Duration bucket, Duration settle,
                                  Instant asOf) {
        List<Instant> deferred = new ArrayList<>();
        for (Instant start : judged) {
            Instant end = start.plus(bucket);
            for (Span span : spans) {
                Instant to = span.to() == null || span.to().isAfter(asOf) ? asOf : span.to();
                if (end.isAfter(span.from()) && asOf.isBefore(to.plus(settle))) {
                    deferred.add(start);
                    break;
                }
            }
        }
        return deferred;
    }
}
